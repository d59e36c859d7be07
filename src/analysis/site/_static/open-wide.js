// On a wide screen the index's key figures start open, each chart under its finding;
// on a phone they stay folded below the finding, so the page stays short.
document.addEventListener("DOMContentLoaded", () => {
  if (window.matchMedia("(min-width: 960px)").matches) {
    document.querySelectorAll("details.open-wide").forEach((fold) => {
      fold.open = true;
    });
  }
});
