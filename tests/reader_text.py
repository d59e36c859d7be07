"""What a reader sees on a page, checked in the browser: no number cut at the edge of a
box that clips it (a table scrolled or squeezed mid-digit), no registry or source id in
the text (ids belong in URLs and anchors), and each claim's anchor landing on its
quote. Every claim's folded work is opened first, so its tables and notes are checked
too (tests/report_site.py)."""

import re
from functools import cache

from playwright.sync_api import Page

from analysis import claims
from analysis.claims import press
from analysis.load import datasets

# Opens every claim's work (the folded <details> of a claim's card), and on an article's
# page every verdict's fold of cards, for the checks.
OPEN_WORK = (
    "() => document.querySelectorAll('details.claim-work, details.claim-group')"
    ".forEach(d => d.open = true)"
)

# Each number (a run of digits with its separators) in the article's column whose box
# straddles the side of a box that clips it: a scrolling or hidden-overflow ancestor,
# or the window. A number wholly scrolled or folded out of view is not cut; one half
# shown is. Code listings (<pre>) scroll by design and are left out.
CUT_NUMBERS = r"""() => {
  const column = document.querySelector("article.bd-article");
  if (!column) return ["no article column"];
  const straddles = (box, left, right) =>
    (box.left < left - 0.5 && box.right > left + 0.5) ||
    (box.left < right - 0.5 && box.right > right + 0.5);
  const found = [];
  const walker = document.createTreeWalker(column, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest("pre")) continue;
    for (const match of node.textContent.matchAll(/\d[\d,.%]*/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      for (const box of range.getClientRects()) {
        if (box.width === 0) continue;
        let cut = straddles(box, 0, window.innerWidth), shown = true;
        for (let up = node.parentElement; up && shown && up !== document.body; up = up.parentElement) {
          const style = getComputedStyle(up), edge = up.getBoundingClientRect();
          if (style.overflowX === "visible" && style.overflowY === "visible") continue;
          // wholly outside a clipping box (folded away, scrolled off, visually hidden)
          shown = box.right > edge.left && box.left < edge.right &&
            box.bottom > edge.top && box.top < edge.bottom && edge.width > 1;
          cut = cut || (shown && style.overflowX !== "visible" && straddles(box, edge.left, edge.right));
        }
        cut = cut && shown;
        if (cut) found.push(`${match[0]} cut at the edge (${Math.round(box.left)}-` +
          `${Math.round(box.right)} px) in “${node.textContent.trim().slice(0, 50)}”`);
      }
    }
  }
  return found;
}"""

# Each claim's anchor, followed as a link is (the page's hash set, folds closed on a phone
# opened by the page), shows the heading that quotes it: on screen, not folded away.
LANDS_ON_QUOTE = r"""async claims => {
  const found = [];
  for (const [id, quote] of claims) {
    if (!document.getElementById(id)) { found.push(`no anchor #${id}`); continue; }
    const changed = new Promise(done => {
      window.addEventListener("hashchange", done, { once: true });
      setTimeout(done, 1000);
    });
    location.hash = `#${id}`;
    await changed;
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    const heading = [...document.querySelectorAll("h1, h2, h3, h4")]
      .find(h => h.textContent.replace(/\s+/g, " ").trim().replace(/\s*[#¶]$/, "") === `“${quote}”`);
    if (!heading) { found.push(`no heading quotes the claim of #${id}`); continue; }
    const box = heading.getBoundingClientRect();
    if (box.height === 0) found.push(`#${id} leaves its quote folded away`);
    else if (box.top < 0 || box.bottom > window.innerHeight)
      found.push(`#${id} lands ${Math.round(-box.top)} px below its quote`);
  }
  return found;
}"""

# The text a reader sees in the article's column, links' text included, not their URLs.
SHOWN_TEXT = "() => document.querySelector('article.bd-article').innerText"


@cache
def ids() -> re.Pattern[str]:
    """Every claim id of the registries and of the press figures, source id of
    data/sources.csv and issue id of data/source_issues.csv, each as a whole word (an id
    inside a longer one, or inside a file name or URL, is not it)."""
    data = datasets.load()
    found = {c.id for r in claims.load_registries(data) for c in r.claims}
    found |= {c.id for c in press.press_claims(claims.inputs_for(data))}
    found |= set(data.sources["source_id"]) | set(data.source_issues["issue_id"])
    words = "|".join(map(re.escape, sorted(found, key=len, reverse=True)))
    return re.compile(rf"(?<![\w./-])({words})(?![\w/-])")


@cache
def quotes(name: str) -> list[tuple[str, str]]:
    """The claims page `name` has an anchor for, with each quote as a page sets it ("..."
    as an ellipsis): a notebook's claims, or all its article's on an article's page."""
    found = []
    for registry in claims.load_registries(datasets.load()):
        for claim in registry.claims:
            page = claim.notebook.removesuffix(".ipynb") + ".html"
            if name in (page, f"articles/{claim.article}.html"):
                found.append((claim.id, claim.quote.replace("...", "…")))
    return found


def page_text_problems(name: str, page: Page) -> list[str]:
    """Anchors that miss their quote, then (with the work of every claim open) numbers
    cut at an edge and ids in the text."""
    problems = list(page.evaluate(LANDS_ON_QUOTE, quotes(name)))[:5]
    page.evaluate(OPEN_WORK)
    problems += list(page.evaluate(CUT_NUMBERS))[:5]
    text = page.evaluate(SHOWN_TEXT)
    for found in list(ids().finditer(text))[:5]:
        around = text[max(0, found.start() - 40) : found.end() + 20].replace("\n", " ")
        problems.append(f"id {found.group(1)} in the text: “{around}”")
    return problems
