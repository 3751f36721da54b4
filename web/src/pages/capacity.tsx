import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { query } from '../api.js';
import { ChartFigure, DataTable } from '../components/chart-figure.js';
import { BarListChart } from '../components/charts/bar-list-chart.js';
import { Page } from '../components/page.js';
import { LoadStatus } from '../components/status.js';
import type { CapacityResponse } from '../contract.js';
import { formatDay, percent } from '../format.js';
import { useApi } from '../use-api.js';

const POLICY_COLOURS = { 'ai-needs-senior': '#c2571a', 'risk-based': '#2f6fab' } as const;

function hours(value: number | null): string {
  return value === null ? 'never' : `${value.toFixed(1)} h`;
}

/** The senior review queue simulated from this organisation's own history, as it is and what-if. */
export function CapacityPage(): ReactNode {
  const id = useId();
  const [aiShare, setAiShare] = useState('80');
  const [seniors, setSeniors] = useState('');
  const [scenario, setScenario] = useState<{ aiShare?: number; seniors?: number }>({});
  const capacity = useApi<CapacityResponse>(`/v1/dashboard/capacity${query({ weeks: 26, ...scenario })}`);
  const data = capacity.data;

  function submit(event: FormEvent): void {
    event.preventDefault();
    const share = Number(aiShare);
    const count = Number(seniors);
    setScenario({
      ...(aiShare.trim() !== '' && share >= 0 && share <= 100 && { aiShare: share / 100 }),
      ...(seniors.trim() !== '' && Number.isInteger(count) && count >= 0 && { seniors: count }),
    });
  }

  return (
    <Page
      name="capacity"
      title="Review capacity"
      lead="The senior review queue simulated from the last 26 weeks of decided changes: as it is, and what if."
      ready={capacity.settled}
    >
      <LoadStatus loaded={capacity} what="the simulation" />
      {data ? (
        <>
          <section className="panel" aria-labelledby={`${id}-basis`}>
            <h2 id={`${id}-basis`}>What history says</h2>
            <Basis data={data} />
            <form className="search" onSubmit={submit} aria-label="What-if scenario">
              <div className="search-row">
                <label htmlFor={`${id}-ai`}>AI-assisted share (%)</label>
                <input
                  id={`${id}-ai`}
                  type="number"
                  min={0}
                  max={100}
                  value={aiShare}
                  onChange={(event) => setAiShare(event.target.value)}
                />
                <label htmlFor={`${id}-seniors`}>Seniors</label>
                <input
                  id={`${id}-seniors`}
                  type="number"
                  min={0}
                  placeholder={String(Math.max(1, Math.round(data.params.seniors * 0.8)))}
                  value={seniors}
                  onChange={(event) => setSeniors(event.target.value)}
                />
                <button type="submit">Simulate</button>
              </div>
            </form>
          </section>
          <div className="chart-grid">
            <UtilisationChart data={data} />
            <WaitChart data={data} />
            <CoverageChart data={data} />
          </div>
        </>
      ) : null}
    </Page>
  );
}

function Basis({ data }: { data: CapacityResponse }): ReactNode {
  const { basis, params } = data;
  if (basis.changes < 2)
    return <p>Too few decided changes ({basis.changes}) to learn from; the simulation uses its defaults.</p>;
  return (
    <p>
      {basis.changes} changes between {basis.from ? formatDay(basis.from) : '?'} and{' '}
      {basis.to ? formatDay(basis.to) : '?'}: {params.changesPerWeek} a week, {percent(params.aiShare)}{' '}
      AI-assisted, {percent(params.juniorMidShare)} by junior or mid authors, a median of {params.medianLines}{' '}
      changed lines; {params.seniors} seniors, each giving {params.seniorReviewHoursPerWeek} hours a week to
      review (not in history, so assumed: {data.defaulted.join(', ')}).
    </p>
  );
}

function rowsOf(
  data: CapacityResponse,
  value: (p: CapacityResponse['scenarios'][number]['policies'][number]) => number,
) {
  return data.scenarios.map((scenario) => ({
    label: scenario.label,
    values: scenario.policies.map(value),
  }));
}

function series(data: CapacityResponse): Array<{ label: string; colour: string }> {
  return (data.scenarios[0]?.policies ?? []).map((p) => ({
    label: p.words,
    colour: POLICY_COLOURS[p.policy],
  }));
}

function UtilisationChart({ data }: { data: CapacityResponse }): ReactNode {
  const worst = data.scenarios.at(-1);
  const summary = worst
    ? `In “${worst.label}”, ${worst.policies
        .map(
          (p) =>
            `when ${p.words}, seniors are busy ${p.seniorUtilisation === null ? 'beyond any capacity' : percent(p.seniorUtilisation)} of their review hours and a change waits ${hours(p.waitHoursP95)} (95th percentile)`,
        )
        .join('; ')}.`
    : 'No scenarios.';
  return (
    <ChartFigure
      id="capacity-utilisation"
      title="Senior review hours in use (%)"
      summary={summary}
      chart={
        <BarListChart
          rows={rowsOf(data, (p) => Math.round((p.seniorUtilisation ?? 0) * 100))}
          series={series(data)}
        />
      }
      table={
        <DataTable
          caption="Waiting time and utilisation by scenario and policy"
          columns={['scenario', 'policy', 'senior reviews', 'wait p50', 'wait p95', 'senior utilisation']}
          rows={data.scenarios.flatMap((s) =>
            s.policies.map((p) => [
              s.label,
              p.words,
              p.seniorReviews,
              hours(p.waitHoursP50),
              hours(p.waitHoursP95),
              p.seniorUtilisation === null
                ? 'no seniors'
                : `${percent(p.seniorUtilisation)}${p.overloaded ? ' (overloaded)' : ''}`,
            ]),
          )}
        />
      }
    />
  );
}

function WaitChart({ data }: { data: CapacityResponse }): ReactNode {
  const worst = data.scenarios.at(-1);
  const summary = worst
    ? `In “${worst.label}”, half of the changes a senior must see wait up to ${worst.policies
        .map((p) => `${hours(p.waitHoursP50)} (p95 ${hours(p.waitHoursP95)}) when ${p.words}`)
        .join(', and ')}.`
    : 'No scenarios.';
  return (
    <ChartFigure
      id="capacity-wait"
      title="Waiting for a senior, 95th percentile (working hours)"
      summary={summary}
      chart={<BarListChart rows={rowsOf(data, (p) => p.waitHoursP95 ?? 0)} series={series(data)} />}
      table={
        <DataTable
          caption="Waiting for a senior by scenario and policy"
          columns={['scenario', 'policy', 'wait p50', 'wait p95']}
          rows={data.scenarios.flatMap((s) =>
            s.policies.map((p) => [s.label, p.words, hours(p.waitHoursP50), hours(p.waitHoursP95)]),
          )}
        />
      }
    />
  );
}

function CoverageChart({ data }: { data: CapacityResponse }): ReactNode {
  const now = data.scenarios[0];
  const summary = now
    ? `As history shows, seniors see ${now.policies.map((p) => `${percent(p.riskiestReviewedBySenior)} of the riskiest tenth when ${p.words}`).join(', and ')}.`
    : 'No scenarios.';
  return (
    <ChartFigure
      id="capacity-coverage"
      title="Riskiest 10 % of changes seen by a senior (%)"
      summary={summary}
      chart={
        <BarListChart
          rows={rowsOf(data, (p) => Math.round(p.riskiestReviewedBySenior * 100))}
          series={series(data)}
        />
      }
      table={
        <DataTable
          caption="Share of the riskiest tenth reviewed by a senior"
          columns={['scenario', 'policy', 'riskiest reviewed by a senior']}
          rows={data.scenarios.flatMap((s) =>
            s.policies.map((p) => [s.label, p.words, percent(p.riskiestReviewedBySenior)]),
          )}
        />
      }
    />
  );
}
