import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planRepositioning, weightedCoverage, type ReachUnit } from './reposition';

describe('planRepositioning (greedy)', () => {
  // Cells 0..3 with weights; U1 and U2 both cover cell 0; a post at target 0 covers cells 2 and 3.
  const weights = [5, 1, 3, 1];
  it('moves the redundant unit to the post that covers the most uncovered demand', () => {
    const units: ReachUnit[] = [
      { id: 'U1', busy: false, reach: [0, 1], options: [{ target: 0, reach: [2, 3] }] },
      {
        id: 'U2',
        busy: false,
        reach: [0],
        options: [
          { target: 0, reach: [2, 3] },
          { target: 1, reach: [3] },
        ],
      },
    ];
    const plan = planRepositioning({ weights, units, maxMoves: 3 });
    expect(plan.before).toBeCloseTo(0.6, 9);
    expect(plan.moves).toEqual([{ unitId: 'U2', target: 0, gain: 0.4 }]);
    expect(plan.after).toBeCloseTo(1, 9);
  });
  it('never moves a busy unit, nor counts it', () => {
    const units: ReachUnit[] = [
      { id: 'busy', busy: true, reach: [0, 1, 2, 3], options: [{ target: 0, reach: [2, 3] }] },
      { id: 'U1', busy: false, reach: [0], options: [] },
    ];
    const plan = planRepositioning({ weights, units, maxMoves: 3 });
    expect(plan.before).toBeCloseTo(0.5, 9);
    expect(plan.moves).toEqual([]);
  });
  it('suggests nothing when no move gains, and stops at maxMoves', () => {
    expect(
      planRepositioning({
        weights,
        units: [{ id: 'U1', busy: false, reach: [0, 2], options: [{ target: 0, reach: [1] }] }],
        maxMoves: 2,
      }).moves,
    ).toEqual([]);
    const many: ReachUnit[] = [0, 1, 2, 3].map((j) => ({
      id: `U${j}`,
      busy: false,
      reach: [],
      options: [{ target: j, reach: [j] }],
    }));
    expect(planRepositioning({ weights, units: many, maxMoves: 2 }).moves.map((m) => m.target)).toEqual([
      0, 2,
    ]);
  });

  const arbitrary = fc.integer({ min: 1, max: 12 }).chain((cells) =>
    fc.record({
      weights: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: cells, maxLength: cells }),
      units: fc.array(
        fc.record({
          busy: fc.boolean(),
          reach: fc.array(fc.integer({ min: 0, max: cells - 1 }), { maxLength: cells }),
          options: fc.uniqueArray(
            fc.record({
              target: fc.integer({ min: 0, max: 5 }),
              reach: fc.array(fc.integer({ min: 0, max: cells - 1 }), { maxLength: cells }),
            }),
            { maxLength: 6, selector: (o) => o.target },
          ),
        }),
        { maxLength: 8 },
      ),
      maxMoves: fc.integer({ min: 1, max: 5 }),
    }),
  );

  it('property: coverage is never lowered, busy units never move, each unit and target moves once, gains add up', () => {
    fc.assert(
      fc.property(arbitrary, ({ weights: w, units: raw, maxMoves }) => {
        const units = raw.map((u, i) => ({ ...u, id: `U${i}` }));
        const plan = planRepositioning({ weights: w, units, maxMoves });
        expect(plan.after).toBeGreaterThanOrEqual(plan.before - 1e-12);
        expect(plan.moves.length).toBeLessThanOrEqual(maxMoves);
        const busy = new Set(units.filter((u) => u.busy).map((u) => u.id));
        for (const m of plan.moves) {
          expect(busy.has(m.unitId)).toBe(false);
          expect(m.gain).toBeGreaterThan(0);
        }
        expect(new Set(plan.moves.map((m) => m.unitId)).size).toBe(plan.moves.length);
        expect(new Set(plan.moves.map((m) => m.target)).size).toBe(plan.moves.length);
        // The reported after is the coverage of the idle units at their new places.
        const placed = units
          .filter((u) => !u.busy)
          .map((u) => {
            const m = plan.moves.find((x) => x.unitId === u.id);
            return m ? u.options.find((o) => o.target === m.target)!.reach : u.reach;
          });
        expect(plan.after).toBeCloseTo(weightedCoverage(w, placed), 9);
        expect(plan.after - plan.before).toBeCloseTo(
          plan.moves.reduce((s, m) => s + m.gain, 0),
          9,
        );
      }),
      { numRuns: 300 },
    );
  });
});
