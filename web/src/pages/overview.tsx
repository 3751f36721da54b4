import type { ReactNode } from 'react';
import { Page } from '../components/page.js';
import { LoadStatus } from '../components/status.js';
import type { OverviewResponse } from '../contract.js';
import { percent } from '../format.js';
import { href } from '../router.js';
import { useApi } from '../use-api.js';
import { AiShareChart, FailureRateChart, IncidentsChart, ReviewLoadChart } from './overview-charts.js';

/** How AI-assisted change is going: its share, its failures, incidents, and the reviewers carrying it. */
export function OverviewPage(): ReactNode {
  const overview = useApi<OverviewResponse>('/v1/dashboard/overview?weeks=26');
  const data = overview.data;
  return (
    <Page
      name="overview"
      title="Overview"
      lead={data ? `The last ${data.weeks.length} weeks.` : undefined}
      ready={overview.settled}
    >
      <LoadStatus loaded={overview} what="the overview" />
      {data ? <OverviewBody data={data} /> : null}
    </Page>
  );
}

function OverviewBody({ data }: { data: OverviewResponse }): ReactNode {
  const { aiAssisted, human } = data.changeFailureRate;
  const recent = data.weeks.slice(-4);
  let recentChanges = 0;
  let recentAi = 0;
  for (const week of recent) {
    recentChanges += week.changes;
    recentAi += week.aiAssisted;
  }
  return (
    <>
      <ul className="tiles" aria-label="Key figures">
        <li className="tile">
          <span className="tile-label">AI-assisted share, last 4 weeks</span>
          <span className="tile-value">{percent(recentChanges === 0 ? 0 : recentAi / recentChanges)}</span>
          <span className="tile-note">
            {recentAi} of {recentChanges} changes
          </span>
        </li>
        <li className="tile">
          <span className="tile-label">Change-failure rate</span>
          <span className="tile-value">
            {percent(aiAssisted.rate, 1)} <span className="tile-vs">AI</span>
          </span>
          <span className="tile-note">
            vs {percent(human.rate, 1)} human ({aiAssisted.failed}/{aiAssisted.deployments} and {human.failed}
            /{human.deployments} deployments)
          </span>
        </li>
        <li className="tile">
          <span className="tile-label">Changes waiting for sign-off</span>
          <a className="tile-value" href={href({ page: 'queue' })}>
            {data.pendingApprovals.changes}
          </a>
          <span className="tile-note">in the review queue</span>
        </li>
        <li className="tile">
          <span className="tile-label">Agent actions held</span>
          <a className="tile-value" href={href({ page: 'actions' })}>
            {data.pendingApprovals.actions}
          </a>
          <span className="tile-note">waiting for a person</span>
        </li>
      </ul>
      <div className="chart-grid">
        <AiShareChart weeks={data.weeks} />
        <FailureRateChart weeks={data.weeks} rate={data.changeFailureRate} />
        <IncidentsChart weeks={data.weeks} />
        <ReviewLoadChart load={data.reviewLoad} />
      </div>
    </>
  );
}
