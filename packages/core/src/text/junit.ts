import { escapeText, escapeXml } from './escape.js';

/**
 * JUnit XML, the test report most CI systems read (GitLab's test reports, Jenkins' JUnit plugin,
 * the GitHub test-reporter actions, Azure DevOps): the flavour they share, as Ant's JUnit task wrote it.
 *
 * ```xml
 * <?xml version="1.0" encoding="UTF-8"?>
 * <testsuites name="…" tests="2" failures="1" errors="0" skipped="0" time="0">
 *   <testsuite name="…" tests="2" failures="1" errors="0" skipped="0" time="0">
 *     <testcase classname="…" name="…" time="0"/>
 *     <testcase classname="…" name="…" time="0">
 *       <failure message="…" type="…">…</failure>
 *     </testcase>
 *   </testsuite>
 * </testsuites>
 * ```
 *
 * A `<failure>` is a check that found a problem; an `<error>` a check that could not be made. The
 * counts are those of the cases. Nothing is timed: every `time` is 0, so that the same report gives
 * the same document, byte for byte.
 */

/** What went wrong in a test case. */
export interface JunitProblem {
  /** `failure`: the check found a problem; `error`: the check could not be made. */
  kind: 'failure' | 'error';
  /** One line, the `message` attribute (what CI pages show first). */
  message: string;
  /** A short word for the kind of problem, the `type` attribute. */
  type: string;
  /** The element's text, one line each (the details a CI page shows when the case is opened). */
  details?: readonly string[];
}

export interface JunitTestCase {
  /** The group a case belongs to (JUnit's class; CI pages show it beside the name). */
  classname: string;
  name: string;
  /** The file the case is about, as the `file` attribute (GitLab shows it; others ignore it). */
  file?: string;
  /** None: the case passed. */
  problem?: JunitProblem;
  /** Lines for `<system-out>`: what the check said about a case that passed. */
  output?: readonly string[];
}

export interface JunitTestSuite {
  name: string;
  cases: readonly JunitTestCase[];
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
}

function count(cases: readonly JunitTestCase[]): Counts {
  return {
    tests: cases.length,
    failures: cases.filter((testCase) => testCase.problem?.kind === 'failure').length,
    errors: cases.filter((testCase) => testCase.problem?.kind === 'error').length,
  };
}

/**
 * One value from input, as XML: first made one visible line ({@link escapeText}: no line break,
 * control, bidi or invisible character survives, so a reporter that prints it to a log cannot be made
 * to start a line such as a `::error::` workflow command), then escaped for XML ({@link escapeXml}).
 */
function value(text: string): string {
  return escapeXml(escapeText(text));
}

/** Lines of text, each made safe as {@link value}, joined by line feeds (written `&#10;`). */
function lines(texts: readonly string[]): string {
  return texts.map(value).join('&#10;');
}

function countAttributes({ tests, failures, errors }: Counts): string {
  return `tests="${tests}" failures="${failures}" errors="${errors}" skipped="0" time="0"`;
}

function testCaseLines(testCase: JunitTestCase): string[] {
  const file = testCase.file === undefined ? '' : ` file="${value(testCase.file)}"`;
  const open = `    <testcase classname="${value(testCase.classname)}" name="${value(testCase.name)}"${file} time="0"`;
  const { problem, output } = testCase;
  if (problem === undefined && (output === undefined || output.length === 0)) return [`${open}/>`];
  const body: string[] = [];
  if (problem !== undefined)
    body.push(
      `      <${problem.kind} message="${value(problem.message)}" type="${value(problem.type)}">${lines(problem.details ?? [])}</${problem.kind}>`,
    );
  if (output !== undefined && output.length > 0) body.push(`      <system-out>${lines(output)}</system-out>`);
  return [`${open}>`, ...body, '    </testcase>'];
}

/**
 * A JUnit XML document (see above), as lines without their line ends. Every name, message and line
 * of text is made safe by {@link value}: give them as they are, unescaped.
 *
 * @example junitXml('tool', [{ name: 's', cases: [{ classname: 'c', name: 'n' }] }])[3] // => '    <testcase classname="c" name="n" time="0"/>'
 */
export function junitXml(name: string, suites: readonly JunitTestSuite[]): string[] {
  const total = count(suites.flatMap((suite) => suite.cases));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${value(name)}" ${countAttributes(total)}>`,
    ...suites.flatMap((suite) => [
      `  <testsuite name="${value(suite.name)}" ${countAttributes(count(suite.cases))}>`,
      ...suite.cases.flatMap(testCaseLines),
      '  </testsuite>',
    ]),
    '</testsuites>',
  ];
}
