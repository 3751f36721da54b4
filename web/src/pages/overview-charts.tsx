import type { ReactNode } from 'react';
import { ChartFigure, DataTable } from '../components/chart-figure.js';
import { BarListChart } from '../components/charts/bar-list-chart.js';
import { ColumnChart } from '../components/charts/column-chart.js';
import type { OverviewResponse, OverviewWeek } from '../contract.js';
import { formatDay, percent, personLabel } from '../format.js';

const TOOL_COLOURS = ['#2f6fab', '#7b4fb0', '#1f8a70', '#c2571a', '#b03a6f', '#5a6b1f', '#0f7c99', '#8c6d1f'];
const HUMAN_COLOUR = '#c9d1dc';
const SEVERITIES = [
  { key: 'sev1', label: 'SEV1', colour: '#8f1d16' },
  { key: 'sev2', label: 'SEV2', colour: '#d0451b' },
  { key: 'sev3', label: 'SEV3', colour: '#e0a526' },
  { key: 'sev4', label: 'SEV4', colour: '#7a8aa0' },
] as const;

/** Changes per week split by AI tool (and human), with the AI-assisted share as a line. */
export function AiShareChart({ weeks }: { weeks: OverviewWeek[] }): ReactNode {
  const tools = toolsByVolume(weeks);
  const first = weeks[0];
  const last = lastComplete(weeks);
  const summary =
    first && last
      ? `AI-assisted changes were ${percent(first.aiShare)} of changes in the week of ${formatDay(first.week)} and ` +
        `${percent(last.aiShare)} in the week of ${formatDay(last.week)}. Tools by volume: ${tools.join(', ') || 'none'}.`
      : 'No changes in this window.';
  return (
    <ChartFigure
      id="ai-share"
      title="AI-assisted share of changes"
      summary={summary}
      chart={
        <ColumnChart
          categories={weeks.map((week) => formatDay(week.week))}
          partialLast={weeks.at(-1)?.partial === true}
          series={[
            ...tools.map((tool, index) => ({
              label: tool,
              colour: TOOL_COLOURS[index % TOOL_COLOURS.length]!,
              values: weeks.map((week) => week.byTool[tool] ?? 0),
            })),
            {
              label: 'human only',
              colour: HUMAN_COLOUR,
              values: weeks.map((week) => week.changes - week.aiAssisted),
            },
          ]}
          lines={[
            {
              label: 'AI share (right axis)',
              colour: '#1f2933',
              // A week without changes (or one still running) has no share; it is not 0 %.
              values: weeks.map((week) =>
                week.partial || week.changes === 0 ? null : Math.round(week.aiShare * 1000) / 10,
              ),
              max: 100,
              unit: '%',
            },
          ]}
        />
      }
      table={
        <DataTable
          caption="Changes per week by AI tool"
          columns={['Week of', 'Changes', 'AI-assisted', 'Share', ...tools]}
          rows={weeks.map((week) => [
            weekLabel(week),
            week.changes,
            week.aiAssisted,
            percent(week.aiShare),
            ...tools.map((tool) => week.byTool[tool] ?? 0),
          ])}
        />
      }
    />
  );
}

/** Change-failure rate of AI-assisted and human production deployments, four-week rolling. */
export function FailureRateChart({
  weeks,
  rate,
}: {
  weeks: OverviewWeek[];
  rate: OverviewResponse['changeFailureRate'];
}): ReactNode {
  const ai: Array<number | null> = [];
  const human: Array<number | null> = [];
  // A single week has few deployments, so each point is the rate over that week and the three before it.
  weeks.forEach((week, index) => {
    if (week.partial) {
      // The running week would read as a drop: its rate is left out until it is complete.
      ai.push(null);
      human.push(null);
      return;
    }
    let deployedAi = 0;
    let failedAi = 0;
    let deployedHuman = 0;
    let failedHuman = 0;
    for (const past of weeks.slice(Math.max(0, index - 3), index + 1)) {
      deployedAi += past.deploymentsAi;
      failedAi += past.failedAi;
      deployedHuman += past.deploymentsHuman;
      failedHuman += past.failedHuman;
    }
    ai.push(deployedAi === 0 ? null : Math.round((failedAi / deployedAi) * 1000) / 10);
    human.push(deployedHuman === 0 ? null : Math.round((failedHuman / deployedHuman) * 1000) / 10);
  });
  const summary =
    `Over the window, ${percent(rate.aiAssisted.rate, 1)} of ${rate.aiAssisted.deployments} AI-assisted production ` +
    `deployments failed, against ${percent(rate.human.rate, 1)} of ${rate.human.deployments} human ones. ` +
    'The lines are four-week rolling rates over complete weeks; the week still running is left out. ' +
    `The same rule and window as “blastwall report --since ${rate.since.slice(0, 10)}”.`;
  return (
    <ChartFigure
      id="failure-rate"
      title="Change-failure rate: AI-assisted vs human"
      summary={summary}
      chart={
        <ColumnChart
          categories={weeks.map((week) => formatDay(week.week))}
          series={[]}
          unit="%"
          lines={[
            { label: 'AI-assisted', colour: '#7b4fb0', values: ai, max: 100, unit: '%' },
            { label: 'human', colour: '#5f7185', values: human, max: 100, unit: '%', dashed: true },
          ]}
        />
      }
      table={
        <DataTable
          caption="Production deployments and failures per week"
          columns={['Week of', 'AI deployments', 'AI failed', 'Human deployments', 'Human failed']}
          rows={weeks.map((week) => [
            weekLabel(week),
            week.deploymentsAi,
            week.failedAi,
            week.deploymentsHuman,
            week.failedHuman,
          ])}
        />
      }
    />
  );
}

/** Incidents per week, stacked by severity. */
export function IncidentsChart({ weeks }: { weeks: OverviewWeek[] }): ReactNode {
  const totals = { sev1: 0, sev2: 0, sev3: 0, sev4: 0 };
  for (const week of weeks) {
    for (const { key } of SEVERITIES) totals[key] += week.incidents[key];
  }
  const all = totals.sev1 + totals.sev2 + totals.sev3 + totals.sev4;
  const summary = `${all} incidents in the window: ${totals.sev1} SEV1, ${totals.sev2} SEV2, ${totals.sev3} SEV3 and ${totals.sev4} SEV4.`;
  return (
    <ChartFigure
      id="incidents"
      title="Incidents per week by severity"
      summary={summary}
      chart={
        <ColumnChart
          categories={weeks.map((week) => formatDay(week.week))}
          partialLast={weeks.at(-1)?.partial === true}
          series={SEVERITIES.map(({ key, label, colour }) => ({
            label,
            colour,
            values: weeks.map((week) => week.incidents[key]),
          }))}
        />
      }
      table={
        <DataTable
          caption="Incidents per week"
          columns={['Week of', 'SEV1', 'SEV2', 'SEV3', 'SEV4']}
          rows={weeks.map((week) => [
            weekLabel(week),
            week.incidents.sev1,
            week.incidents.sev2,
            week.incidents.sev3,
            week.incidents.sev4,
          ])}
        />
      }
    />
  );
}

/** Senior reviewers: the sign-offs assigned to each now and what each gave lately. */
export function ReviewLoadChart({ load }: { load: OverviewResponse['reviewLoad'] }): ReactNode {
  const busiest = load[0];
  const summary = busiest
    ? `${load.length} senior-or-above reviewers. The most loaded, ${personLabel(busiest)}, is assigned ${busiest.assigned} open sign-off${busiest.assigned === 1 ? '' : 's'} and gave ${busiest.reviewsLast30Days} in the last 30 days.`
    : 'No senior reviewers are configured.';
  return (
    <ChartFigure
      id="review-load"
      title="Senior review load"
      summary={`${summary}${load.length > 10 ? ' The chart shows the ten most loaded; the table has everyone.' : ''}`}
      chart={
        <BarListChart
          rows={load.slice(0, 10).map((person) => ({
            label: personLabel(person),
            values: [person.assigned, person.reviewsLast30Days],
          }))}
          series={[
            { label: 'assigned now', colour: '#c2571a' },
            { label: 'given in 30 days', colour: '#2f6fab' },
          ]}
        />
      }
      table={
        <DataTable
          caption="Review load of senior-or-above reviewers"
          columns={['Reviewer', 'Level', 'Assigned now', 'Given in 30 days']}
          rows={load.map((person) => [
            personLabel(person),
            person.level,
            person.assigned,
            person.reviewsLast30Days,
          ])}
        />
      }
    />
  );
}

/** A week's Monday, marked when the week is still running. */
function weekLabel(week: OverviewWeek): string {
  return week.partial ? `${week.week} (so far)` : week.week;
}

/** The newest week that is over (the running one is partial). */
function lastComplete(weeks: OverviewWeek[]): OverviewWeek | undefined {
  return [...weeks].reverse().find((week) => !week.partial);
}

function toolsByVolume(weeks: OverviewWeek[]): string[] {
  const totals = new Map<string, number>();
  for (const week of weeks) {
    for (const [tool, count] of Object.entries(week.byTool))
      totals.set(tool, (totals.get(tool) ?? 0) + count);
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([tool]) => tool);
}
