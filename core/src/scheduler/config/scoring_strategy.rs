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

/// Models `helper.BuildBrokenLinearFunction` over the shape scaled to
/// 0..=100.
fn broken_linear(shape: &[ShapePoint], p: i64) -> i64 {
    let score = |i: usize| shape[i].score * (MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE);
    for i in 0..shape.len() {
        if p <= shape[i].utilization {
            if i == 0 {
                return score(0);
            }
            let span = shape[i].utilization - shape[i - 1].utilization;
            if span == 0 {
                return score(i);
            }
            return score(i - 1)
                + (score(i) - score(i - 1)) * (p - shape[i - 1].utilization) / span;
        }
    }
    shape.last().map_or(0, |_| score(shape.len() - 1))
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
                    let score = broken_linear(&self.shape, utilization);
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

    /// `least_allocated_test.go`, "nothing scheduled, nothing requested":
    /// node1 4000m/10000 and node2 4000m/10000, pod requests nothing: 100 each.
    /// "nothing scheduled, resources requested, differently sized nodes": pod
    /// 3000m/5000; node1 4000/10000 → (25+50)/2 = 37, node2 6000/10000 → (50+50)/2 = 50.
    #[test]
    fn least_allocated_upstream_cases() {
        let s = strategy(StrategyType::LeastAllocated, 1, 1);
        assert_eq!(s.score(&[(0, 4000), (0, 10000)]), 100);
        assert_eq!(s.score(&[(3000, 4000), (5000, 10000)]), 37);
        assert_eq!(s.score(&[(3000, 6000), (5000, 10000)]), 50);
        // Weighted, over capacity: cpu 0, memory 100 → (0*3 + 100*5) / 8 = 62.
        let w = strategy(StrategyType::LeastAllocated, 3, 5);
        assert_eq!(w.score(&[(6000, 4000), (0, 10000)]), 62);
    }

    /// `most_allocated_test.go`, "nothing scheduled, resources requested,
    /// differently sized nodes": pod 1000m/2000; node1 4000/10000 → (25+20)/2
    /// = 22, node2 6000/10000 → (16+20)/2 = 18. "resources requested with more
    /// than the node, with resource weights": cpu 1 memory 3, node 4000/10000,
    /// requested 6000/10000 → (100*1 + 100*3)/4 = 100.
    #[test]
    fn most_allocated_upstream_cases() {
        let s = strategy(StrategyType::MostAllocated, 1, 1);
        assert_eq!(s.score(&[(1000, 4000), (2000, 10000)]), 22);
        assert_eq!(s.score(&[(1000, 6000), (2000, 10000)]), 18);
        assert_eq!(s.score(&[(0, 4000), (0, 10000)]), 0);
        let w = strategy(StrategyType::MostAllocated, 1, 3);
        assert_eq!(w.score(&[(6000, 4000), (10000, 10000)]), 100);
    }

    /// `requested_to_capacity_ratio_test.go`, `TestRequestedToCapacityRatioScoringStrategy`
    /// shape {0: 10, 100: 0} ("nothing scheduled, nothing requested": 100 on
    /// both nodes; "nothing scheduled, resources requested, differently sized
    /// nodes": pod 3000m/5000 on 4000/10000 → 38, on 6000/10000 → 50), and
    /// `TestBrokenLinearFunction`.
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
        // Points (10, 1) and (90, 9), scaled by 10: flat outside, linear between.
        let shape = [
            ShapePoint {
                utilization: 10,
                score: 1,
            },
            ShapePoint {
                utilization: 90,
                score: 9,
            },
        ];
        for (p, want) in [(0, 10), (10, 10), (15, 15), (20, 20), (90, 90), (100, 90)] {
            assert_eq!(broken_linear(&shape, p), want, "p={p}");
        }
    }
}
