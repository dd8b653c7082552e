import { getCurrentWindow } from "@tauri-apps/api/window";

/**
 * Names the screen in the document and in the window's own title (what the taskbar and a
 * screen reader's window list show). The start-up benchmark waits for the first of these.
 */
export function setTitle(title: string): void {
  document.title = title;
  void getCurrentWindow().setTitle(title).catch(() => undefined);
}
