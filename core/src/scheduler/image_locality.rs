//! The ImageLocality plugin, Score only (`pkg/scheduler/framework/plugins/imagelocality`):
//! it favours nodes that already hold the pod's images.

use super::node_info::{NodeInfo, PodInfo};

/// The plugin's name.
pub const NAME: &str = "ImageLocality";

/// Models `pkg/scheduler/framework/plugins/imagelocality: Score`: the sizes of the
/// pod's images already on the node, each scaled by the share of nodes that have
/// it, clamped between 23 MB and 1000 MB per container, as 0..=100
/// (`calculatePriority`; already 0..=100, so there is no NormalizeScore). The
/// scaled sizes come from [`PodInfo::resolve_images`].
pub fn score(pod: &PodInfo<'_>, info: &NodeInfo) -> i64 {
    const MB: i64 = 1024 * 1024;
    const MIN_THRESHOLD: i64 = 23 * MB;
    const MAX_CONTAINER_THRESHOLD: i64 = 1000 * MB;
    if info.images.is_empty() || pod.image_scores.is_empty() {
        return 0;
    }
    let sum: i64 = pod
        .image_scores
        .iter()
        .filter(|(id, _)| info.images.contains(id))
        .map(|(_, scaled)| scaled)
        .sum();
    if sum <= MIN_THRESHOLD {
        // Small images (most of them) score nothing: skip the division.
        return 0;
    }
    let max = MAX_CONTAINER_THRESHOLD * pod.pod.spec.containers.len().max(1) as i64;
    let clamped = sum.min(max);
    100 * (clamped - MIN_THRESHOLD) / (max - MIN_THRESHOLD)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Pod;
    use crate::scheduler::node_info::{ImageState, ImageTable};

    #[test]
    fn image_locality_follows_upstream() {
        const MB: u64 = 1024 * 1024;
        let mut pod = Pod::default();
        pod.spec.containers.push(crate::api::Container {
            name: "c".into(),
            image: "nginx".into(),
            ..Default::default()
        });
        let score = |size: u64, holders: usize, total: usize| {
            let table = ImageTable {
                images: vec![ImageState {
                    name: "nginx:latest".into(),
                    size,
                    nodes: holders,
                }],
                total_nodes: total,
            };
            let mut pod = PodInfo::new(&pod);
            pod.resolve_images(&table);
            let mut info = NodeInfo::default();
            info.images.push(0);
            super::score(&pod, &info)
        };
        // 500 MB on the only node: 100 * (500 - 23) / (1000 - 23).
        assert_eq!(score(500 * MB, 1, 1), 48);
        // Spread over 1 of 4 nodes, the same image counts a quarter: under 23 MB gives 0.
        assert_eq!(score(80 * MB, 1, 4), 0);
        let pod = PodInfo::new(&pod);
        assert_eq!(super::score(&pod, &NodeInfo::default()), 0);
    }
}
