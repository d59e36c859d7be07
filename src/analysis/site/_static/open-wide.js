// On a wide screen the index's key figures and an article's claims start open; on a
// phone they stay folded below a line that says what they hold, so the page stays
// short. (A link to a claim inside a fold opens it: browsers expand a closed <details>
// that holds the target of a fragment link.)
document.addEventListener("DOMContentLoaded", () => {
  if (window.matchMedia("(min-width: 960px)").matches) {
    document.querySelectorAll("details.open-wide").forEach((fold) => {
      fold.open = true;
    });
  }
});
