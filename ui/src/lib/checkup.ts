// The checkup's items in words, and where each is fixed. Exhaustive over the generated
// `CheckKind` and `CheckState`: a new check fails the type check until it is said here.
import { t } from "./i18n.svelte";
import type { CheckItem, CheckKind, MessageKey } from "./types";

type Words = { good: MessageKey; improve: MessageKey; attention: MessageKey };

const WORDS: Record<CheckKind, (item: CheckItem) => Words> = {
  email: (item) => ({
    good: "checkup.email.good",
    improve: item.since ? "checkup.email.old" : "checkup.email.missing",
    attention: "checkup.email.unconfirmed",
  }),
  phone: (item) => ({
    good: "checkup.phone.good",
    improve: item.since ? "checkup.phone.old" : "checkup.phone.missing",
    attention: "checkup.phone.unconfirmed",
  }),
  security_questions: () => ({
    good: "checkup.security_questions.good",
    improve: "checkup.security_questions.improve",
    attention: "checkup.security_questions.improve",
  }),
  second_factor: () => ({
    good: "checkup.second_factor.good",
    improve: "checkup.second_factor.improve",
    attention: "checkup.second_factor.improve",
  }),
  recovery_codes: () => ({
    good: "checkup.recovery_codes.good",
    improve: "checkup.recovery_codes.improve",
    attention: "checkup.recovery_codes.attention",
  }),
  password: () => ({
    good: "checkup.password.good",
    improve: "checkup.password.improve",
    attention: "checkup.password.attention",
  }),
  stale_devices: () => ({
    good: "checkup.stale_devices.good",
    improve: "checkup.stale_devices.improve",
    attention: "checkup.stale_devices.improve",
  }),
  unusual_activity: () => ({
    good: "checkup.unusual_activity.good",
    improve: "checkup.unusual_activity.attention",
    attention: "checkup.unusual_activity.attention",
  }),
  recovery_contacts: () => ({
    good: "checkup.recovery_contacts.good",
    improve: "checkup.recovery_contacts.improve",
    attention: "checkup.recovery_contacts.improve",
  }),
};

/** Where each check is fixed on the security screen. */
const FIX: Record<CheckKind, string> = {
  email: "#contacts",
  phone: "#contacts",
  security_questions: "#security-questions",
  second_factor: "#two-step",
  recovery_codes: "#two-step",
  password: "#password",
  stale_devices: "#devices",
  unusual_activity: "#activity",
  recovery_contacts: "#recovery-contacts",
};

/** The item in words; `formatDate` writes a Unix time in the person's language. */
export function checkText(item: CheckItem, formatDate: (unix: number) => string): string {
  const key = WORDS[item.kind](item)[item.state];
  return t(key, { n: item.count ?? 0, date: item.since ? formatDate(item.since) : "" });
}

/** The anchor of the item's fix, when there is something to do. */
export function fixFor(item: CheckItem): string | null {
  return item.state === "good" ? null : FIX[item.kind];
}
