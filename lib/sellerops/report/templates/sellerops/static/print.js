// Print to PDF shows every row of an interactive table, not only the page on screen; the page
// length is restored after printing. The table code comes from the itables bundle of the setup
// cell (window._itables_<version>); without it there is nothing to do.
(function () {
  const name = Object.keys(window).find((key) => key.startsWith("_itables_"));
  if (!name) {
    return;
  }
  let DataTable = null;
  Promise.resolve(window[name]).then((module) => {
    DataTable = module && module.default;
  });
  const saved = [];
  window.addEventListener("beforeprint", () => {
    if (!DataTable || !DataTable.tables || !DataTable.Api) {
      return;
    }
    for (const node of DataTable.tables()) {
      const table = new DataTable.Api(node);
      saved.push([table, table.page.len()]);
      table.page.len(-1).draw(false);
    }
  });
  window.addEventListener("afterprint", () => {
    for (const [table, length] of saved.splice(0)) {
      table.page.len(length).draw(false);
    }
  });
})();
