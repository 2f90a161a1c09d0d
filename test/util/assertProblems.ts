import assert from 'node:assert/strict';
import { lintRecord } from '../../server/src/spf/checks';
import type { Problem, ProblemCode } from '../../server/src/spf/problems';
import { parseMarkers } from './markers';

/**
 * Lints the SPF text in `marked` and asserts that the problems with the listed codes appear in order,
 * each on the i-th marked range. Codes not listed in `codes` are ignored only if `only` names the ones to check.
 */
export function assertProblems(marked: string, codes: readonly ProblemCode[], options: { only?: readonly ProblemCode[] } = {}): Problem[] {
  const { text, ranges } = parseMarkers(marked);
  const { problems } = lintRecord(text);
  const considered = options.only ? problems.filter((problem) => options.only!.includes(problem.code)) : problems;
  const actual = considered.map((problem) => `${problem.code} ${JSON.stringify(text.slice(problem.offset, problem.offset + problem.length))}`);
  const expected = codes.map((code, i) => `${code} ${ranges[i] ? JSON.stringify(text.slice(ranges[i].start, ranges[i].end)) : '(no range marked)'}`);
  assert.deepEqual(actual, expected, `problems of ${JSON.stringify(text)}:\n${considered.map((p) => `  ${p.code}: ${p.message}`).join('\n')}`);
  considered.forEach((problem, i) => {
    assert.deepEqual({ start: problem.offset, end: problem.offset + problem.length }, ranges[i], `range of ${problem.code}`);
  });
  return considered;
}
