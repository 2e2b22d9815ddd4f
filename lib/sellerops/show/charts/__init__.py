"""Charts for the report notebooks, one module per analysis: ``from sellerops.show.charts import coverage``.

Every function draws one chart in the fixed style of ``notebook.setup`` and returns its Figure;
notebooks end the cell with ``plt.show()``. Tests assert on the Axes, not on pixels.
"""
