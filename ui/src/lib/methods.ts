// The recovery methods as the choose step offers them. Exhaustive over the generated
// `RecoveryMethod`: a new method fails the type check until it has its words here.
import { isolate, t } from "./i18n.svelte";
import type { RecoveryMethod } from "./types";

const LABEL: Record<RecoveryMethod, (destination: string) => string> = {
  sms: (destination) => t("choose.sms", { destination: isolate(destination) }),
  email: (destination) => t("choose.email", { destination: isolate(destination) }),
  security_questions: () => t("choose.security_questions"),
};

export function methodLabel(method: RecoveryMethod, destination: string): string {
  return LABEL[method](destination);
}
