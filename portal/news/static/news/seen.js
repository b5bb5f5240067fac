// Tells the newsroom a reader opened this release. The count is kept by the server, not in the
// page, so it stays right when the page itself comes from a cache.
const release = document.querySelector("[data-news-seen]");
if (release) {
    const url = release.dataset.newsSeen;
    if (!(navigator.sendBeacon && navigator.sendBeacon(url))) {
        fetch(url, { method: "POST", keepalive: true, credentials: "omit" }).catch(() => {});
    }
}
