// The webinar pages, enhanced: the reader's own time beside the event's, and the recording's
// player, loaded from its host only when the reader presses play. Without JavaScript the pages
// show the partners' zones and a plain link to the recording.

const language = document.documentElement.lang || undefined;

function readerZone() {
    try {
        return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
    } catch {
        return null;
    }
}

// The wall-clock time in a zone at one instant: two zones that read the same need no second line.
function wallClock(date, zone) {
    return new Intl.DateTimeFormat("en-CA", {
        timeZone: zone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
    }).format(date);
}

// "UTC+9", "UTC−4", "UTC+5:30": written as the server writes the event's own offset.
function utcOffset(date, zone) {
    const parts = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        hourCycle: "h23",
    }).formatToParts(date);
    const part = (type) => Number(parts.find((item) => item.type === type).value);
    const asUtc = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"));
    const whole = new Date(date.getTime());
    whole.setUTCSeconds(0, 0);
    const minutes = Math.round((asUtc - whole.getTime()) / 60000);
    const sign = minutes < 0 ? "\u2212" : "+";
    const hours = Math.floor(Math.abs(minutes) / 60);
    const rest = Math.abs(minutes) % 60;
    return `UTC${sign}${hours}${rest ? `:${String(rest).padStart(2, "0")}` : ""}`;
}

// "America/Santo_Domingo" → "Santo Domingo, UTC−4"; "UTC" or "Etc/GMT+3" are their offset alone.
function zoneLabel(zone, date) {
    const offset = utcOffset(date, zone);
    if (zone === "UTC" || zone.startsWith("Etc/") || !zone.includes("/")) {
        return offset;
    }
    return `${zone.split("/").pop().replaceAll("_", " ")}, ${offset}`;
}

// "09:00": 24-hour time, as the server writes the event's own (Intl drops the leading zero in
// some languages).
function clock(date, zone) {
    const parts = new Intl.DateTimeFormat("en-GB", {
        timeZone: zone,
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
    }).formatToParts(date);
    const part = (type) => parts.find((item) => item.type === type).value.padStart(2, "0");
    return `${part("hour")}:${part("minute")}`;
}

// The weekday and date in the page's language ("jue, 10 dic 2026").
function day(date, zone) {
    return new Intl.DateTimeFormat(language, {
        timeZone: zone,
        weekday: "short",
        year: "numeric",
        month: "short",
        day: "numeric",
    }).format(date);
}

function formatSpan(start, end, zone) {
    if (Number.isNaN(end.getTime())) {
        return `${day(start, zone)}, ${clock(start, zone)}`;
    }
    if (day(start, zone) === day(end, zone)) {
        return `${day(start, zone)}, ${clock(start, zone)}–${clock(end, zone)}`;
    }
    return `${day(start, zone)}, ${clock(start, zone)} – ${day(end, zone)}, ${clock(end, zone)}`;
}

function showReaderTime() {
    const zone = readerZone();
    if (!zone) {
        return;
    }
    for (const time of document.querySelectorAll("time[data-webinar-start]")) {
        const start = new Date(time.dateTime);
        const end = new Date(time.dataset.end);
        const eventZone = time.dataset.zone;
        if (Number.isNaN(start.getTime()) || !eventZone) {
            continue;
        }
        if (zone === eventZone || wallClock(start, zone) === wallClock(start, eventZone)) {
            continue;
        }
        const line = document.createElement("p");
        line.className = "webinar-when__yours";
        line.dataset.testid = "your-time";
        const label = document.createElement("span");
        label.className = "webinar-when__yours-label";
        label.textContent = `${time.dataset.yourTime}: `;
        const value = document.createElement("time");
        value.dateTime = time.dateTime;
        value.textContent = `${formatSpan(start, end, zone)} (${zoneLabel(zone, start)})`;
        line.append(label, value);
        (time.closest(".webinar-when") || time).after(line);
    }
}

function playRecording(box) {
    const source = box.dataset.recording;
    let url;
    try {
        url = new URL(source);
    } catch {
        return;
    }
    if (url.protocol !== "https:") {
        return;
    }
    const player = document.createElement("div");
    player.className = "recording__player";
    const frame = document.createElement("iframe");
    frame.src = url.href;
    frame.title = box.dataset.recordingTitle || "";
    frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
    frame.allowFullscreen = true;
    // The players refuse to start without knowing which site embeds them; the site's own policy
    // (same-origin) would send them nothing.
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    player.append(frame);
    box.querySelector(".recording__placeholder").replaceWith(player);
    frame.focus();
}

function prepareRecordings() {
    for (const box of document.querySelectorAll("[data-recording]")) {
        const link = box.querySelector("[data-recording-play]");
        if (!link) {
            continue;
        }
        // A button, since it plays here; the link to the host stays below it.
        const button = document.createElement("button");
        button.type = "button";
        button.className = link.className;
        button.textContent = link.textContent;
        button.dataset.recordingPlay = "";
        link.replaceWith(button);
        button.addEventListener("click", () => playRecording(box), { once: true });
    }
}

showReaderTime();
prepareRecordings();
