import type { ReactNode } from 'react';
import type { Outcome } from '../contract.js';

const OUTCOME_LABEL: Record<Outcome, string> = {
  allow: 'Allowed',
  'needs-approval': 'Needs approval',
  deny: 'Denied',
};

/** The three outcomes, in words and colour. */
export function DecisionBadge({ decision }: { decision: Outcome }): ReactNode {
  return <span className={`badge badge-${decision}`}>{OUTCOME_LABEL[decision]}</span>;
}

/** Colours of service tiers, shared by badges, the graph and its legend. */
export const TIER_COLOURS: Record<number, string> = {
  1: '#b3261e',
  2: '#c25e00',
  3: '#8a6d00',
  4: '#3f6e8c',
  5: '#6b7280',
};

/** Words for a tier: 1 is the most critical, 5 means nothing known. */
export function tierLabel(tier: number): string {
  return tier >= 5 ? 'no known tier' : `tier ${tier}`;
}

/** A service tier, labelled in words so the colour is never the only signal. */
export function TierBadge({ tier }: { tier: number }): ReactNode {
  return (
    <span className="badge badge-tier" style={{ borderColor: TIER_COLOURS[Math.min(tier, 5)] }}>
      <span className="dot" style={{ background: TIER_COLOURS[Math.min(tier, 5)] }} aria-hidden="true" />
      {tierLabel(tier)}
    </span>
  );
}

/** Whether AI tools helped write a change, and which. */
export function AiBadge({ aiAssisted, tools }: { aiAssisted: boolean; tools: string[] }): ReactNode {
  if (!aiAssisted) return <span className="badge badge-human">Human</span>;
  return (
    <span className="badge badge-ai" title={tools.join(', ')}>
      AI-assisted{tools.length > 0 ? `: ${tools.join(', ')}` : ''}
    </span>
  );
}

/** An incident's severity. */
export function SeverityBadge({ severity }: { severity: string }): ReactNode {
  return <span className={`badge badge-${severity}`}>{severity.toUpperCase()}</span>;
}

/** A 0…1 risk score as a small bar with its number. */
export function RiskMeter({ risk }: { risk: number | undefined }): ReactNode {
  if (risk === undefined) return <span className="muted">not scored</span>;
  const level = risk >= 0.7 ? 'high' : risk >= 0.4 ? 'medium' : 'low';
  return (
    <span className="risk">
      <span className={`risk-bar risk-${level}`} aria-hidden="true">
        <span style={{ width: `${Math.round(risk * 100)}%` }} />
      </span>
      <span>
        {risk.toFixed(2)} <span className="muted">({level})</span>
      </span>
    </span>
  );
}
