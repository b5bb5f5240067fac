// Tells the case library a reader opened this case. The count is kept by the server, not in the
// page, so it stays right when the page itself comes from a cache.
const page = document.querySelector("[data-case-seen]");
if (page) {
    const url = page.dataset.caseSeen;
    if (!(navigator.sendBeacon && navigator.sendBeacon(url))) {
        fetch(url, { method: "POST", keepalive: true, credentials: "omit" }).catch(() => {});
    }
}
