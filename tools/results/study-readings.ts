/**
 * The paragraph under a study's table in docs/results.md: the study's own finding, computed from
 * its numbers by the study (so it cannot disagree with the table it reads).
 */
export function readingOf(result: { finding?: unknown; name: string }): string {
  return typeof result.finding === 'string' && result.finding.trim() !== ''
    ? result.finding.trim()
    : `(the ${result.name} study printed no finding)`;
}
