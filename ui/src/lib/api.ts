// Calls the app's commands through the generated bindings and turns their error results into
// exceptions carrying the AppError, so screens can `try … catch`.
import { commands } from "./bindings";
import { duration, t } from "./i18n.svelte";
import type { AppError, MessageKey } from "./types";

export { commands };

export class Failure extends Error {
  constructor(readonly error: AppError) {
    super(error.code);
  }
}

type Result<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

/** The command's data, or a thrown [`Failure`]. */
export async function call<T>(result: Promise<Result<T>>): Promise<T> {
  const settled = await result;
  if (settled.status === "error") throw new Failure(settled.error);
  return settled.data;
}

/** An AppError from anything thrown (an IPC failure is a network problem to the person). */
export function asAppError(thrown: unknown): AppError {
  if (thrown instanceof Failure) return thrown.error;
  return { code: "network", message: String(thrown), retry_after_secs: null, fields: null };
}

/** What to tell the person: the code's message, and when to try again after a throttle. */
export function errorText(error: AppError): string {
  const key = `error.${error.code}` as MessageKey;
  const text = t(key);
  if (error.retry_after_secs != null && error.retry_after_secs > 0) {
    return `${text} ${t("common.try_again_in", { time: duration(error.retry_after_secs) })}`;
  }
  return text;
}
