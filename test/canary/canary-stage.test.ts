import { CanaryStage, CanaryStageKind } from '../../src';
import { canaryWeights } from '../../src/canary/stage-routes';

const summary = (stages: CanaryStage[]) => stages.map(s => `${s.name}:${s.kind}:${s.percent}:${s.headerRoute}`);

describe('CanaryStage', () => {
  test('the factories name stages after their kind', () => {
    expect(summary([
      CanaryStage.stable(), CanaryStage.header(), CanaryStage.weight(10), CanaryStage.mirror(5, { keepHeaderRoute: true }),
      CanaryStage.promote(), CanaryStage.rollback(), CanaryStage.weight(0.5, { name: 'half-percent' }),
    ])).toEqual([
      'stable:stable:0:false', 'header:header:0:true', 'weight-10:weight:10:false', 'mirror-5:mirror:5:true',
      'promote:promote:100:false', 'rollback:rollback:0:false', 'half-percent:weight:0.5:false',
    ]);
  });

  test('canaryShare is the share of traffic without the header', () => {
    const stages = [CanaryStage.header(), CanaryStage.weight(25), CanaryStage.mirror(25), CanaryStage.promote()];
    expect(stages.map(s => s.canaryShare)).toEqual([0, 25, 0, 100]);
  });

  test('stepWeights makes one weight stage per weight (Flagger stepWeights)', () => {
    expect(summary(CanaryStage.stepWeights([1, 5, 25, 50], { keepHeaderRoute: true }))).toEqual([
      'weight-1:weight:1:true', 'weight-5:weight:5:true', 'weight-25:weight:25:true', 'weight-50:weight:50:true',
    ]);
  });

  test.each([
    [{ stepWeight: 20, maxWeight: 50 }, [20, 40, 60]],
    [{ stepWeight: 25 }, [25, 50, 75, 100]],
    [{ stepWeight: 30 }, [30, 60, 90, 100]],
    [{ stepWeight: 10, maxWeight: 30 }, [10, 20, 30]],
    [{ stepWeight: 0.1, maxWeight: 0.3 }, [0.1, 0.2, 0.3]],
  ])('linear %j steps as Flagger does: %j', (options, weights) => {
    expect(CanaryStage.linear(options).map(s => s.percent)).toEqual(weights);
  });

  test('bad schedules become a stage that carries the problem, for the release to report with its path', () => {
    expect(CanaryStage.linear({ stepWeight: 0 })[0]._problem).toEqual({ field: 'stepWeight', given: 0, expected: 'a percentage above 0 and at most 100' });
    expect(CanaryStage.linear({ stepWeight: 10, maxWeight: 101 })[0]._problem).toEqual({ field: 'maxWeight', given: 101, expected: 'a percentage above 0 and at most 100' });
    expect(CanaryStage.stepWeights([])[0]._problem).toEqual({ field: 'stepWeights', given: [], expected: 'at least one weight' });
  });

  test('kinds are the wire names used in stage names', () => {
    expect(Object.values(CanaryStageKind)).toEqual(['stable', 'header', 'weight', 'mirror', 'promote', 'rollback']);
  });
});

describe('canaryWeights', () => {
  test.each([
    [10, 10, 90], [50, 50, 50], [0, 0, 100], [100, 100, 0], [0.5, 5, 995], [12.25, 1225, 8775], [0.01, 1, 9999],
  ])('%p%% → canary %p, stable %p', (percent, canary, stable) => {
    expect(canaryWeights(percent)).toEqual({ canary, stable });
  });
});
