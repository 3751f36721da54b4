/** Progressive-delivery waves, smallest first. */
export const WAVES = ['box', 'zone', 'region', 'rest'] as const;
export type Wave = (typeof WAVES)[number];

const SCOPE: Record<Wave, string> = {
  box: 'one box (a single host or pod)',
  zone: 'one zone or cell',
  region: 'one region',
  rest: 'everything else',
};

/** Bake minutes of each wave before the next may start, for a change of no risk and no reach. */
export const BASE_BAKE_MINUTES: Record<Wave, number> = { box: 15, zone: 30, region: 60, rest: 0 };

/** One step of a wave plan. */
export interface WaveStep {
  wave: Wave;
  scope: string;
  /** Minutes this wave must run healthy before the next wave may start. */
  bakeMinutes: number;
}

/** A wave plan for one change of one service. */
export interface WavePlan {
  /** The multiplier applied to the base bake times. */
  factor: number;
  waves: WaveStep[];
  reasons: string[];
}

/** What scales a plan. */
export interface WavePlanInput {
  /** Change risk 0…1. */
  risk: number;
  /** Blast-radius score of the service (see `blastRadiusOf`). */
  blastScore: number;
  /** Most critical tier in the blast radius (1 = most critical; 5 when none). */
  mostCriticalTier: number;
}

/**
 * Bake times scale by `1 + 2·risk + min(1, blast/40) + (0.5 when tier 1 is reached)`: a riskless,
 * contained change bakes the base times, the riskiest change reaching tier 1 bakes 4.5 times longer.
 */
export function wavePlan(input: WavePlanInput): WavePlan {
  const risk = Math.min(1, Math.max(0, input.risk));
  const blast = Math.min(1, Math.max(0, input.blastScore) / 40);
  const tierOne = input.mostCriticalTier <= 1 ? 0.5 : 0;
  const factor = Math.round((1 + 2 * risk + blast + tierOne) * 100) / 100;
  const reasons = [
    `risk ${risk} adds ${Math.round(2 * risk * 100) / 100}`,
    `blast radius ${input.blastScore} adds ${Math.round(blast * 100) / 100}`,
  ];
  if (tierOne) reasons.push('reaches a tier-1 service: adds 0.5');
  return {
    factor,
    waves: WAVES.map((wave) => ({
      wave,
      scope: SCOPE[wave],
      bakeMinutes: Math.round(BASE_BAKE_MINUTES[wave] * factor),
    })),
    reasons,
  };
}

/** The wave before this one, or undefined for the first wave (or an unknown name). */
export function previousWave(wave: string): Wave | undefined {
  const index = WAVES.indexOf(wave as Wave);
  return index > 0 ? WAVES[index - 1] : undefined;
}
