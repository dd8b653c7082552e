// The same ready marker as Regain's UI: the window's title changes once the page has run.
window.__TAURI_INTERNALS__.invoke("plugin:window|set_title", { label: "main", value: "Minimal ready" });
