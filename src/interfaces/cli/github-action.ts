import { attestationFor } from '../../app/attest.js';
import { appendFileSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { createGithubClient } from '../../adapters/github/octokit-client.js';
import type { PullRequestRef } from '../../adapters/github/types.js';
import { evaluatePullRequest } from '../../app/pull-requests.js';
import { openWorkspace } from '../../app/workspace.js';
import type { CheckReport } from '../../core/change/decide-change.js';
import { BlastwallError } from '../../core/errors.js';
import { publishReport, type Published } from '../http/github/publish.js';
import { checkReportMarkdown } from './format/check-report.js';

/** The part of a `pull_request` / `pull_request_target` event (the file at `GITHUB_EVENT_PATH`) that is read. */
const pullRequestEvent = z.object({
  pull_request: z.object({ number: z.number().int().positive(), html_url: z.string().optional() }),
  repository: z.object({ name: z.string().min(1), owner: z.object({ login: z.string().min(1) }) }),
});

/** What a run in GitHub Actions produced. */
export interface GithubActionResult {
  report: CheckReport;
  published: Published;
  ref: PullRequestRef;
}

/**
 * `blastwall check --github-pr`, the GitHub Action with no server: reads the pull request of the workflow run
 * (`GITHUB_EVENT_PATH`) through the REST API with the workflow's token (`GITHUB_TOKEN`, `GITHUB_API_URL`), judges
 * it with the configuration of `repo` — the base branch's checkout, never the PR's own files, so a PR cannot
 * loosen the rules that judge it — and publishes the `blastwall` check run and the one PR comment, as the GitHub
 * App does. The markdown report is added to the job summary (`GITHUB_STEP_SUMMARY`).
 */
export async function runGithubAction(
  repo: string,
  configPath: string | undefined,
  env: Record<string, string | undefined>,
): Promise<GithubActionResult> {
  const eventPath = env.GITHUB_EVENT_PATH;
  if (!eventPath)
    throw new BlastwallError('usage', '--github-pr runs inside GitHub Actions: GITHUB_EVENT_PATH is not set');
  let event: z.infer<typeof pullRequestEvent>;
  try {
    const parsed = pullRequestEvent.safeParse(JSON.parse(readFileSync(eventPath, 'utf8')));
    if (!parsed.success)
      throw new BlastwallError(
        'usage',
        `${eventPath} is not a pull_request event (run the action on pull_request or pull_request_target)`,
      );
    event = parsed.data;
  } catch (error) {
    if (error instanceof BlastwallError) throw error;
    throw new BlastwallError('usage', `cannot read the event at ${eventPath}: ${(error as Error).message}`);
  }
  const token = env.GITHUB_TOKEN;
  if (!token)
    throw new BlastwallError('usage', 'GITHUB_TOKEN is not set: pass the workflow token as env GITHUB_TOKEN');
  const github = createGithubClient({
    token,
    ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
  });
  const ref: PullRequestRef = {
    owner: event.repository.owner.login,
    repo: event.repository.name,
    number: event.pull_request.number,
  };
  const workspace = await openWorkspace(repo, configPath, env);
  const { report, pullRequest } = await evaluatePullRequest(
    // The checkout's attestation notes (`blastwall attest push`, fetched with the PR's commits) count as evidence.
    { workspace, github, attestations: (change) => attestationFor(repo, change, env) },
    ref,
  );
  const published = await publishReport(
    github,
    ref,
    report,
    pullRequest.htmlUrl || event.pull_request.html_url,
  );
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, checkReportMarkdown(report));
  return { report, published, ref };
}
