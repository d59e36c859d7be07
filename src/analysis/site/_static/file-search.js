/* Opened from the file system, a browser refuses to fetch the pages that search
   results quote from: show the results without those summaries rather than log an
   error for each. */
if (window.location.protocol === "file:" && typeof DOCUMENTATION_OPTIONS !== "undefined") {
  DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
}
