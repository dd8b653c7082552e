// A security event as a person reads it: what happened, how and from where, in their
// language; and whether it is one to look at twice (a refused, held back or locked attempt).
import { isMessageKey, isolate, t } from "./i18n.svelte";
import type { SecurityEventView } from "./types";

const PROBLEMS: ReadonlySet<string> = new Set(["refused", "throttled", "locked"]);

export interface Activity {
  text: string;
  problem: boolean;
}

export function describeEvent(event: SecurityEventView): Activity {
  const what = `activity.${event.kind}.${event.outcome}`;
  const parts = [isMessageKey(what) ? t(what) : t("activity.other")];
  // A sign-in is always with the password: saying so adds nothing.
  const how = `activity.by.${event.method}`;
  if (event.kind !== "sign_in" && isMessageKey(how)) parts.push(t(how));
  if (event.ip) parts.push(t("activity.from", { ip: isolate(event.ip) }));
  return { text: parts.join(" · "), problem: PROBLEMS.has(event.outcome) };
}
