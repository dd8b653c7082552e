// The forgot-password journey's state, shared by its step components: the flow as the app last
// saw it, the step it puts on screen, what went wrong, and the actions the steps take. The
// walk itself (captcha, reset token) lives in the app's Rust side; this only shows it.
import type { CountryCode } from "libphonenumber-js/min";
import { Channel } from "@tauri-apps/api/core";
import { asAppError, call, commands } from "../../lib/api";
import { errorText, reasonText, redoesRobot } from "../../lib/errors";
import { t } from "../../lib/i18n.svelte";
import { previous, stepFor, type Step } from "../../lib/steps";
import type { AppError, CaptchaProgress, FlowView, RecoveryMethod } from "../../lib/types";
import type { Problem } from "../../components/ErrorSummary.svelte";

export type Robot = "idle" | "working" | "done";

export const walk = $state({
  step: "identify" as Step,
  identifier: "",
  region: "US" as CountryCode,
  robot: "idle" as Robot,
  robotMs: 0,
  flow: null as FlowView | null,
  problems: [] as Problem[],
  busy: false,
  /** The clock of the resend countdown (milliseconds), read again when a flow arrives. */
  now: Date.now(),
  /** What a screen reader hears besides the focus moves (the countdown's milestones). */
  announcement: "",
  /** The minimum password length that applies, for the reasons' words. */
  minLength: 15,
  /** The support request's screen, when the person asked support for help. */
  support: null as SupportStep | null,
});

/** Asking support for help: the request's form, its contact's code, then where it stands. */
export type SupportStep = "form" | "code" | "filed";

/** Opens the journey afresh, for `identifier` as typed on the sign-in screen. */
export function begin(identifier: string, region: CountryCode) {
  Object.assign(walk, {
    step: "identify",
    identifier,
    region,
    robot: "idle",
    robotMs: 0,
    flow: null,
    problems: [],
    busy: false,
    announcement: "",
    support: null,
  });
}

/** Opens the support request (from "I can't use any of these", or from sign-in's help). */
export function askSupport() {
  walk.support = "form";
  walk.problems = [];
}

/** Whether a problem names `field`. */
export function invalid(field: string): boolean {
  return walk.problems.some((p) => p.field === field);
}

export function show(error: AppError, field?: string) {
  walk.problems = [{ field, text: errorText(error) }];
  if (error.code === "weak_password" && error.fields?.new_password) {
    walk.problems = [
      { field, text: errorText(error) },
      ...error.fields.new_password.map((reason) => ({ field, text: reasonText(reason, walk.minLength) })),
    ];
  }
}

/** Puts a flow on screen: its step, and for a locked or expired one, why it went back. */
export function go(next: FlowView) {
  // The countdown's clock ticks once a second; read it now, or a fresh 60 s shows as 61.
  walk.now = Date.now();
  const was = walk.step;
  walk.flow = next;
  walk.step = stepFor(next.state, next.challenge?.method);
  walk.problems = [];
  if (next.state === "locked") walk.problems = [{ text: t("error.flow_locked") }];
  if (next.state === "expired") {
    // On the vouching step, a contact's "no" ends the request as surely as its time running out.
    walk.problems = [{ text: t(was === "vouch" ? "vouch.ended" : "error.flow_expired") }];
  }
}

/** Runs a step's action; a refusal is shown with the flow as it now stands (tries left). */
export async function attempt(action: () => Promise<void>, field?: string) {
  walk.busy = true;
  try {
    await action();
  } catch (thrown) {
    const error = asAppError(thrown);
    show(error, field);
    const current = await call(commands.currentRecovery()).catch(() => null);
    if (current && current.state !== walk.flow?.state) go(current);
    else if (current) walk.flow = current;
    if (redoesRobot(error)) walk.robot = "idle";
  } finally {
    walk.busy = false;
  }
}

export async function checkRobot() {
  if (walk.robot !== "idle") return;
  walk.robot = "working";
  walk.robotMs = 0;
  const progress = new Channel<CaptchaProgress>();
  progress.onmessage = (p) => {
    if (!p.done) walk.robotMs = p.elapsed_ms;
  };
  try {
    await call(commands.solveCaptcha(progress));
    walk.robot = "done";
  } catch (thrown) {
    walk.robot = "idle";
    show(asAppError(thrown), "robot");
  }
}

export async function start() {
  await attempt(async () => {
    const started = await call(commands.startRecovery(walk.identifier, walk.region));
    walk.robot = "idle";
    go(started);
  }, "identifier");
}

export async function choose(method: RecoveryMethod) {
  await attempt(async () => go(await call(commands.chooseMethod(method))));
}

/** Proves that enough recovery contacts vouched; until they have, the service says so. */
export async function confirmVouches() {
  await attempt(async () => go(await call(commands.confirmVouches())));
}

/** Once the waiting period is over: the new-password step. */
export async function finishWaiting() {
  await attempt(async () => go(await call(commands.finishWaiting())));
}

export async function resend() {
  await attempt(async () => go(await call(commands.resendCode())));
}

export function back() {
  const to = previous(walk.step);
  if (to) {
    walk.step = to;
    walk.problems = [];
  }
}

export function restart() {
  void commands.cancelRecovery();
  walk.flow = null;
  walk.step = "identify";
  walk.support = null;
}
