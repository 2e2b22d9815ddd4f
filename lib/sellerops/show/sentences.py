"""Findings in words for report notebooks: our sentence, the seller's text escaped inside it.

A search term or campaign name is seller or customer text; inside a Markdown sentence it must
show as text, never as markup.

Examples
--------
>>> say("{n} terms, led by {top}", n=3, top="<i>mat</i>").data
'3 terms, led by &lt;i&gt;mat&lt;/i&gt;'
"""

from __future__ import annotations

import html
import re

from IPython.display import Markdown

#: Markdown's special characters, and ``$``, which starts a formula in Jupyter's Markdown.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>$])")


def escape_markdown(text: object) -> str:
    """Text safe inside Markdown: HTML escaped and Markdown's special characters neutralised.

    Examples
    --------
    >>> escape_markdown("*bold* <b>")
    '\\\\*bold\\\\* &lt;b&gt;'
    """
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


def say(template: str, **values) -> Markdown:
    """A finding in words: ``template`` is ours, every value is escaped before it is inserted."""
    return Markdown(
        template.format(**{k: v if isinstance(v, (int, float)) else escape_markdown(v) for k, v in values.items()})
    )
