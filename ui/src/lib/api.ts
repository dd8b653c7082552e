// Calls the app's commands through the generated bindings and turns their error results into
// exceptions carrying the AppError, so screens can `try … catch`.
import { commands } from "./bindings";
import type { AppError } from "./types";

export { commands };
export { errorText } from "./errors";

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
