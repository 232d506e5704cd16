//! A compact min-cost flow for maximum-weight b-matchings: successive
//! shortest paths sent one excess node at a time (as in the Hungarian and
//! Jonker-Volgenant algorithms), Dijkstra with node potentials, stopping at
//! the first sink reached and updating only the potentials it settled. Each
//! search therefore stays near its start, which is what makes 20,000-pair
//! instances fast.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

#[derive(Debug, Clone)]
struct Arc {
    to: u32,
    /// Index of the reverse arc.
    reverse: u32,
    capacity: i64,
    cost: i64,
}

#[derive(Debug, Clone, Default)]
pub(super) struct MinCostFlow {
    arcs: Vec<Arc>,
    /// Arcs leaving each node, as indices into `arcs`.
    out: Vec<Vec<u32>>,
    potential: Vec<i64>,
    distance: Vec<i64>,
    /// `distance` and `via` are valid for a node only when its stamp is the
    /// current search's, which saves clearing them per search.
    stamp: Vec<u32>,
    settled: Vec<bool>,
    via: Vec<u32>,
    search: u32,
    /// Arcs scanned by `send` so far: a measure of work that does not
    /// depend on the machine.
    work: u64,
}

impl MinCostFlow {
    pub fn new(nodes: usize) -> Self {
        MinCostFlow {
            out: vec![Vec::new(); nodes],
            potential: vec![0; nodes],
            distance: vec![0; nodes],
            stamp: vec![0; nodes],
            settled: vec![false; nodes],
            via: vec![u32::MAX; nodes],
            ..MinCostFlow::default()
        }
    }

    /// Adds an arc and returns its id (for `flow_on`).
    pub fn add_arc(&mut self, from: usize, to: usize, capacity: i64, cost: i64) -> usize {
        let id = self.arcs.len();
        self.arcs.push(Arc {
            to: to as u32,
            reverse: id as u32 + 1,
            capacity,
            cost,
        });
        self.arcs.push(Arc {
            to: from as u32,
            reverse: id as u32,
            capacity: 0,
            cost: -cost,
        });
        self.out[from].push(id as u32);
        self.out[to].push(id as u32 + 1);
        id
    }

    /// The node's potential: with `settle_potentials` and `send` every
    /// residual arc has `cost + potential[from] - potential[to] >= 0`, so
    /// potentials are dual prices (see `bound`).
    pub fn potential(&self, node: usize) -> i64 {
        self.potential[node]
    }

    /// Arcs scanned by all searches so far.
    pub fn work(&self) -> u64 {
        self.work
    }

    /// Flow currently on arc `id`.
    pub fn flow_on(&self, id: usize) -> i64 {
        self.arcs[id + 1].capacity
    }

    /// Makes every residual arc's reduced cost non-negative (Bellman-Ford
    /// from a virtual root joined to every node). Call once after adding
    /// arcs and before `send`; the graph must have no negative cycle.
    pub fn settle_potentials(&mut self) {
        self.potential.fill(0);
        for _round in 0..self.out.len() {
            let mut changed = false;
            for node in 0..self.out.len() {
                for &arc_id in &self.out[node] {
                    let arc = &self.arcs[arc_id as usize];
                    let to = arc.to as usize;
                    if arc.capacity > 0 && self.potential[node] + arc.cost < self.potential[to] {
                        self.potential[to] = self.potential[node] + arc.cost;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
    }

    /// Sends up to `amount` units from `from` to `sink` along one cheapest
    /// path and returns (units sent, cost per unit); `None` if the sink is
    /// unreachable.
    pub fn send(&mut self, from: usize, sink: usize, amount: i64) -> Option<(i64, i64)> {
        self.search = self.search.wrapping_add(1);
        if self.search == 0 {
            self.stamp.fill(0);
            self.search = 1;
        }
        let search = self.search;
        let mut heap = BinaryHeap::new();
        let mut settled_order = Vec::new();
        self.stamp[from] = search;
        self.distance[from] = 0;
        self.settled[from] = false;
        heap.push(Reverse((0i64, from as u32)));
        let mut reached = false;
        while let Some(Reverse((dist, node))) = heap.pop() {
            let node = node as usize;
            if self.settled[node] {
                continue;
            }
            self.settled[node] = true;
            settled_order.push(node as u32);
            if node == sink {
                reached = true;
                break;
            }
            self.work += self.out[node].len() as u64;
            for &arc_id in &self.out[node] {
                let arc = &self.arcs[arc_id as usize];
                if arc.capacity <= 0 {
                    continue;
                }
                let to = arc.to as usize;
                let candidate = dist + arc.cost + self.potential[node] - self.potential[to];
                if self.stamp[to] != search {
                    self.stamp[to] = search;
                    self.settled[to] = false;
                } else if candidate >= self.distance[to] {
                    continue;
                }
                self.distance[to] = candidate;
                self.via[to] = arc_id;
                heap.push(Reverse((candidate, to as u32)));
            }
        }
        let sink_distance = self.distance[sink];
        for &node in &settled_order {
            let node = node as usize;
            self.settled[node] = false;
            if reached {
                self.potential[node] += self.distance[node] - sink_distance;
            }
        }
        // Nodes reached but not settled must not look settled next search.
        if !reached {
            return None;
        }
        let mut units = amount;
        let mut node = sink;
        while node != from {
            let arc = &self.arcs[self.via[node] as usize];
            units = units.min(arc.capacity);
            node = self.arcs[arc.reverse as usize].to as usize;
        }
        let mut cost = 0;
        let mut node = sink;
        while node != from {
            let arc_id = self.via[node] as usize;
            cost += self.arcs[arc_id].cost;
            self.arcs[arc_id].capacity -= units;
            let reverse = self.arcs[arc_id].reverse as usize;
            self.arcs[reverse].capacity += units;
            node = self.arcs[reverse].to as usize;
        }
        Some((units, cost))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Max-weight bipartite b-matching by brute force over edge subsets.
    fn brute_force(left: &[i64], right: &[i64], edges: &[(usize, usize, i64)]) -> i64 {
        let mut best = 0;
        for mask in 0u32..1 << edges.len() {
            let mut used_left = vec![0; left.len()];
            let mut used_right = vec![0; right.len()];
            let mut weight = 0;
            for (index, &(l, r, w)) in edges.iter().enumerate() {
                if mask >> index & 1 == 1 {
                    used_left[l] += 1;
                    used_right[r] += 1;
                    weight += w;
                }
            }
            let fits = used_left.iter().zip(left).all(|(used, cap)| used <= cap)
                && used_right.iter().zip(right).all(|(used, cap)| used <= cap);
            if fits {
                best = best.max(weight);
            }
        }
        best
    }

    fn by_flow(left: &[i64], right: &[i64], edges: &[(usize, usize, i64)]) -> i64 {
        let sink = left.len() + right.len();
        let mut flow = MinCostFlow::new(sink + 1);
        for (index, &cap) in left.iter().enumerate() {
            flow.add_arc(index, sink, cap, 0);
        }
        for (index, &cap) in right.iter().enumerate() {
            flow.add_arc(left.len() + index, sink, cap, 0);
        }
        for &(l, r, w) in edges {
            flow.add_arc(l, left.len() + r, 1, -w);
        }
        flow.settle_potentials();
        let mut total = 0;
        for (index, &cap) in left.iter().enumerate() {
            let mut remaining = cap;
            while remaining > 0 {
                match flow.send(index, sink, remaining) {
                    Some((units, cost)) if cost < 0 => {
                        total -= units * cost;
                        remaining -= units;
                    }
                    _ => break,
                }
            }
        }
        total
    }

    #[test]
    fn flow_matches_brute_force_on_small_b_matchings() {
        let mut seed = 0x9e37_79b9_u64;
        let mut next = |bound: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % bound
        };
        for _case in 0..400 {
            let left: Vec<i64> = (0..1 + next(4)).map(|_| next(3) as i64).collect();
            let right: Vec<i64> = (0..1 + next(4)).map(|_| next(3) as i64).collect();
            let mut edges = Vec::new();
            for l in 0..left.len() {
                for r in 0..right.len() {
                    if next(3) > 0 && edges.len() < 14 {
                        edges.push((l, r, 1 + next(20) as i64));
                    }
                }
            }
            assert_eq!(
                by_flow(&left, &right, &edges),
                brute_force(&left, &right, &edges)
            );
        }
    }
}
