//! NodeResourcesFit's `scoringStrategy` and the scorers it picks
//! (`pkg/scheduler/framework/plugins/noderesources: least_allocated.go`,
//! `most_allocated.go`, `requested_to_capacity_ratio.go`,
//! `resource_allocation.go`).

/// The strategy's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrategyType {
    /// `LeastAllocated`: favours the emptiest nodes.
    LeastAllocated,
    /// `MostAllocated`: favours the fullest nodes (bin packing).
    MostAllocated,
    /// `RequestedToCapacityRatio`: a broken-linear function of utilization.
    RequestedToCapacityRatio,
}

/// One point of the `shape` (`UtilizationShapePoint`): utilization 0..=100
/// and score 0..=10.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShapePoint {
    /// `utilization`, percent.
    pub utilization: i64,
    /// `score`, 0..=10.
    pub score: i64,
}

/// `ScoringStrategy`, defaulted (`SetDefaults_NodeResourcesFitArgs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoringStrategy {
    /// `type`.
    pub kind: StrategyType,
    /// `resources`: (name, weight). Only `cpu` and `memory` are simulated;
    /// any other resource has no allocatable here, so it is skipped as
    /// upstream skips a resource a node does not have.
    pub resources: Vec<(String, i64)>,
    /// `requestedToCapacityRatio.shape`.
    pub shape: Vec<ShapePoint>,
}

impl Default for ScoringStrategy {
    /// `LeastAllocated` with cpu and memory weighted 1.
    fn default() -> Self {
        ScoringStrategy {
            kind: StrategyType::LeastAllocated,
            resources: vec![("cpu".to_string(), 1), ("memory".to_string(), 1)],
            shape: Vec::new(),
        }
    }
}

/// `framework.MaxNodeScore`.
const MAX_NODE_SCORE: i64 = 100;
/// `config.MaxCustomPriorityScore`.
const MAX_CUSTOM_PRIORITY_SCORE: i64 = 10;

/// `a * 100 / b` without overflow on large byte counts.
fn percent(a: i64, b: i64) -> i64 {
    match a.checked_mul(MAX_NODE_SCORE) {
        Some(scaled) => scaled / b,
        None => i64::try_from(i128::from(a) * 100 / i128::from(b)).unwrap_or(i64::MAX),
    }
}

/// Models `leastRequestedScore`.
fn least_requested(requested: i64, capacity: i64) -> i64 {
    if capacity == 0 || requested > capacity {
        return 0;
    }
    percent(capacity - requested, capacity)
}

/// Models `mostRequestedScore`: a request above capacity counts as full.
fn most_requested(requested: i64, capacity: i64) -> i64 {
    if capacity == 0 {
        return 0;
    }
    percent(requested.min(capacity), capacity)
}

/// Models `helper.BuildBrokenLinearFunction` over points whose scores are
/// already on the scheduler's 0..=100 scale.
fn broken_linear(shape: &[ShapePoint], p: i64) -> i64 {
    for i in 0..shape.len() {
        if p <= shape[i].utilization {
            if i == 0 {
                return shape[0].score;
            }
            let (a, b) = (shape[i - 1], shape[i]);
            let span = b.utilization - a.utilization;
            if span == 0 {
                return b.score;
            }
            return a.score + (b.score - a.score) * (p - a.utilization) / span;
        }
    }
    shape.last().map_or(0, |last| last.score)
}

impl ScoringStrategy {
    /// Models the strategy's scorer (`leastResourceScorer`,
    /// `mostResourceScorer`, `requestedToCapacityRatioScorer`) over each
    /// resource's (requested with the pod, allocatable); a resource the node
    /// does not have (allocatable 0) is skipped (`resourceAllocationScorer.score`).
    pub fn score(&self, per_resource: &[(i64, i64)]) -> i64 {
        let (mut node_score, mut weight_sum) = (0i64, 0i64);
        for ((requested, allocatable), (_, weight)) in per_resource.iter().zip(&self.resources) {
            if *allocatable == 0 {
                continue;
            }
            let score = match self.kind {
                StrategyType::LeastAllocated => least_requested(*requested, *allocatable),
                StrategyType::MostAllocated => most_requested(*requested, *allocatable),
                StrategyType::RequestedToCapacityRatio => {
                    let utilization = if requested > allocatable {
                        100
                    } else {
                        percent(*requested, *allocatable)
                    };
                    // `requestedToCapacityRatioScorer`: the shape's 0..=10
                    // scores scaled to 0..=100 before the function is built.
                    let scaled: Vec<ShapePoint> = self
                        .shape
                        .iter()
                        .map(|p| ShapePoint {
                            utilization: p.utilization,
                            score: p.score * (MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE),
                        })
                        .collect();
                    let score = broken_linear(&scaled, utilization);
                    // Only positive scores count towards the average.
                    if score <= 0 {
                        continue;
                    }
                    score
                }
            };
            node_score = node_score.saturating_add(score.saturating_mul(*weight));
            weight_sum += weight;
        }
        if weight_sum == 0 {
            return 0;
        }
        match self.kind {
            StrategyType::RequestedToCapacityRatio => {
                (node_score as f64 / weight_sum as f64).round() as i64
            }
            _ => node_score / weight_sum,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strategy(kind: StrategyType, cpu: i64, memory: i64) -> ScoringStrategy {
        ScoringStrategy {
            kind,
            resources: vec![("cpu".to_string(), cpu), ("memory".to_string(), memory)],
            shape: Vec::new(),
        }
    }

    /// `least_allocated_test.go`, `TestLeastAllocatedScoringStrategy`: each
    /// case's (requested with the pod, allocatable) per resource and its scores.
    #[test]
    fn least_allocated_upstream_cases() {
        let s = strategy(StrategyType::LeastAllocated, 1, 1);
        // "nothing scheduled, nothing requested"
        assert_eq!(s.score(&[(0, 4000), (0, 10000)]), 100);
        // "nothing scheduled, resources requested, differently sized nodes"
        assert_eq!(s.score(&[(3000, 4000), (5000, 10000)]), 37);
        assert_eq!(s.score(&[(3000, 6000), (5000, 10000)]), 50);
        // "no resources requested, pods scheduled with resources"
        assert_eq!(s.score(&[(6000, 10000), (0, 20000)]), 70);
        assert_eq!(s.score(&[(6000, 10000), (5000, 20000)]), 57);
        // "resources requested, pods scheduled with resources, differently sized nodes"
        assert_eq!(s.score(&[(6000, 10000), (5000, 20000)]), 57);
        assert_eq!(s.score(&[(6000, 10000), (10000, 50000)]), 60);
        // "requested resources exceed node capacity"
        assert_eq!(s.score(&[(6000, 4000), (0, 10000)]), 50);
        assert_eq!(s.score(&[(6000, 4000), (5000, 10000)]), 25);
        // "zero node resources, pods scheduled with resources"
        assert_eq!(s.score(&[(3000, 0), (0, 0)]), 0);
        // "nothing scheduled, resources requested with different weight on CPU
        // and memory, differently sized nodes": cpu 1, memory 2.
        let w = strategy(StrategyType::LeastAllocated, 1, 2);
        assert_eq!(w.score(&[(3000, 4000), (5000, 10000)]), 41);
        assert_eq!(w.score(&[(3000, 6000), (5000, 10000)]), 50);
    }

    /// `most_allocated_test.go`, `TestMostAllocatedScoringStrategy`.
    #[test]
    fn most_allocated_upstream_cases() {
        let s = strategy(StrategyType::MostAllocated, 1, 1);
        // "nothing scheduled, nothing requested"
        assert_eq!(s.score(&[(0, 4000), (0, 10000)]), 0);
        // "nothing scheduled, resources requested, differently sized nodes"
        assert_eq!(s.score(&[(3000, 4000), (5000, 10000)]), 62);
        assert_eq!(s.score(&[(3000, 6000), (5000, 10000)]), 50);
        // "no resources requested, pods scheduled with resources"
        assert_eq!(s.score(&[(6000, 10000), (0, 20000)]), 30);
        assert_eq!(s.score(&[(6000, 10000), (5000, 20000)]), 42);
        // "resources requested equal node capacity"
        assert_eq!(s.score(&[(5000, 5000), (9000, 10000)]), 95);
        assert_eq!(s.score(&[(5000, 10000), (9000, 9000)]), 75);
        // "no resources requested, pods scheduled, nonzero request for
        // resource": 300m of 250m counts as full.
        assert_eq!(s.score(&[(300, 250), (600 << 20, 1000 << 20)]), 80);
        assert_eq!(s.score(&[(100, 250), (200 << 20, 1000 << 20)]), 30);
        // The weighted "nothing scheduled, resources requested, differently
        // sized nodes": cpu 1, memory 2.
        let w = strategy(StrategyType::MostAllocated, 1, 2);
        assert_eq!(w.score(&[(3000, 4000), (5000, 10000)]), 58);
        assert_eq!(w.score(&[(3000, 6000), (5000, 10000)]), 50);
    }

    /// `requested_to_capacity_ratio_test.go`: `TestRequestedToCapacityRatioScoringStrategy`
    /// with the shape {0: 10, 100: 0} ("nothing scheduled, nothing requested":
    /// 100 on both nodes; "nothing scheduled, resources requested, differently
    /// sized nodes" and "no resources requested, pods scheduled with
    /// resources": 3000m/5000 in use on 4000/10000 → 38, on 6000/10000 → 50),
    /// and `TestBrokenLinearFunction`.
    #[test]
    fn requested_to_capacity_ratio_upstream_cases() {
        let mut s = strategy(StrategyType::RequestedToCapacityRatio, 1, 1);
        s.shape = vec![
            ShapePoint {
                utilization: 0,
                score: 10,
            },
            ShapePoint {
                utilization: 100,
                score: 0,
            },
        ];
        assert_eq!(s.score(&[(0, 4000), (0, 10000)]), 100);
        assert_eq!(s.score(&[(3000, 4000), (5000, 10000)]), 38);
        assert_eq!(s.score(&[(3000, 6000), (5000, 10000)]), 50);
        // TestBrokenLinearFunction, its three shapes.
        let shape = |points: &[(i64, i64)]| -> Vec<ShapePoint> {
            points
                .iter()
                .map(|(utilization, score)| ShapePoint {
                    utilization: *utilization,
                    score: *score,
                })
                .collect()
        };
        // (utilization, score) points, and (p, expected) assertions.
        type Points<'a> = &'a [(i64, i64)];
        let cases: [(Points, Points); 3] = [
            (
                &[(10, 1), (90, 9)],
                &[
                    (-10, 1),
                    (0, 1),
                    (9, 1),
                    (10, 1),
                    (15, 1),
                    (19, 1),
                    (20, 2),
                    (89, 8),
                    (90, 9),
                    (99, 9),
                    (100, 9),
                    (110, 9),
                ],
            ),
            (
                &[(0, 2), (40, 10), (100, 0)],
                &[
                    (-10, 2),
                    (0, 2),
                    (20, 6),
                    (30, 8),
                    (40, 10),
                    (70, 5),
                    (100, 0),
                    (110, 0),
                ],
            ),
            (
                &[(0, 2), (40, 2), (100, 2)],
                &[
                    (-10, 2),
                    (0, 2),
                    (20, 2),
                    (30, 2),
                    (40, 2),
                    (70, 2),
                    (100, 2),
                    (110, 2),
                ],
            ),
        ];
        for (points, assertions) in cases {
            let points = shape(points);
            for (p, want) in assertions {
                assert_eq!(broken_linear(&points, *p), *want, "p={p}");
            }
        }
    }
}
