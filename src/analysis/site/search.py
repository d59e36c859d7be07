"""A Sphinx extension: the report's search finds figures ("31,339", "938", "150%").

Sphinx leaves numbers out of its search index and skips them in a query. Here a
number is indexed, and looked up, as a word: thousands separators dropped and an
"n" put in front ("31,339" -> n31339), on both sides, so a reader who types a
figure as the article prints it finds the pages that give it.
"""

import re
from typing import Any

from sphinx.application import Sphinx
from sphinx.search.en import SearchEnglish

THOUSANDS = re.compile(r"(\d),(?=\d{3}\b)")

# The query's splitter (language_data.js), the JS twin of SearchFigures.split: no
# arrow functions or markup characters, as the template writes it verbatim.
SPLITTER = r"""
var splitQuery = function (query) {
  return query
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
    .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
    .filter(function (term) { return term; })
    .map(function (term) { return /^\d+$/.test(term) ? "n" + term : term; });
};
"""


def words(text: str) -> list[str]:
    """`text` split as the index and the query split it, numbers as words."""
    found: list[str] = re.findall(r"\w+", THOUSANDS.sub(r"\1", text))
    return [f"n{word}" if word.isdigit() else word for word in found]


class SearchFigures(SearchEnglish):
    """English search whose words include numbers."""

    js_splitter_code = SPLITTER

    def split(self, input: str) -> list[str]:
        return words(input)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_search_language(SearchFigures)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
