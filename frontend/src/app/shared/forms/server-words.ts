/**
 * The server's field sentences in the words on screen. class-validator starts each sentence
 * with the property's name ("durationMinutes must not be greater than 1440",
 * "gracePeriodSeconds must be an integer number"); a form says the field's label instead.
 */

/** `problem` about the field at `path` ("config.gracePeriodSeconds"), starting with `label`. */
export function withLabel(problem: string, path: string, label: string): string {
  const names = path.split(/[.[\]]+/).filter((n) => n && !/^\d+$/.test(n));
  const name = names[names.length - 1];
  if (name && problem.startsWith(`${name} `)) return `${label} ${problem.slice(name.length + 1)}`;
  return problem;
}

/** Every field's sentences relabelled; fields without a label keep the server's words. */
export function relabel(
  fieldErrors: Readonly<Record<string, readonly string[]>>,
  labels: Readonly<Record<string, string>>,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [path, problems] of Object.entries(fieldErrors)) {
    const label = Object.hasOwn(labels, path) ? labels[path] : null;
    out[path] = problems.map((p) => (label ? withLabel(p, path, label) : p));
  }
  return out;
}
