package io.strangler.analyzer.clustering;

import io.strangler.analyzer.evidence.TableName;
import io.strangler.analyzer.graph.Edge;
import io.strangler.analyzer.graph.TableGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import nl.cwts.networkanalysis.Clustering;
import nl.cwts.networkanalysis.LeidenAlgorithm;
import nl.cwts.networkanalysis.Network;
import nl.cwts.util.LargeDoubleArray;
import nl.cwts.util.LargeIntArray;

/**
 * Clusters a {@link TableGraph} with the Leiden algorithm (nl.cwts:networkanalysis) maximising modularity at a
 * resolution, then applies the {@link Constraints}. Tables pinned together are contracted into one node before
 * clustering, so Leiden can never separate them; apart constraints and size limits are enforced afterwards by moving
 * whole contracted nodes. The same graph, constraints, resolution and seed give the same partition.
 */
public final class LeidenClusterer {

    static final int RANDOM_STARTS = 8;
    static final int ITERATIONS = 10;
    static final double RANDOMNESS = 0.01;

    private final TableGraph graph;
    private final Constraints constraints;
    private final long seed;
    /** contracted node of each table */
    private final int[] groupOf;
    private final int groups;
    /** tables in each contracted node */
    private final int[] groupSizes;
    private final Network network;
    private final List<int[]> apartPairs = new ArrayList<>();

    public LeidenClusterer(TableGraph graph, Constraints constraints, long seed) {
        this.graph = graph;
        this.constraints = constraints;
        this.seed = seed;
        this.groupOf = contract(graph, constraints);
        this.groups = Arrays.stream(groupOf).max().orElse(-1) + 1;
        this.groupSizes = new int[groups];
        for (int group : groupOf) {
            groupSizes[group]++;
        }
        this.network = groups == 0 ? null : reducedNetwork();
        for (Set<TableName> apart : constraints.apart()) {
            addApart(apart.stream().filter(graph::contains).sorted().toList());
        }
        Map<String, List<TableName>> byService = fixedServices();
        List<String> names = new ArrayList<>(byService.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                apartPairs.add(new int[] {groupOf[graph.indexOf(byService.get(names.get(i)).get(0))],
                        groupOf[graph.indexOf(byService.get(names.get(j)).get(0))]});
            }
        }
        for (int[] pair : apartPairs) {
            if (pair[0] == pair[1]) {
                throw new IllegalArgumentException("the constraints contradict each other: tables that must stay apart"
                        + " are also pinned together (directly or through fixed assignments)");
            }
        }
    }

    private void addApart(List<TableName> tables) {
        for (int i = 0; i < tables.size(); i++) {
            for (int j = i + 1; j < tables.size(); j++) {
                apartPairs.add(new int[] {groupOf[graph.indexOf(tables.get(i))], groupOf[graph.indexOf(tables.get(j))]});
            }
        }
    }

    /** The partition at {@code resolution} (1 = standard modularity; higher gives more, smaller services). */
    public Partition cluster(double resolution) {
        if (graph.size() == 0) {
            return new Partition(new int[0]);
        }
        int[] byGroup = leiden(network, resolution, seed);
        byGroup = enforceMaximum(byGroup, resolution);
        byGroup = enforceApart(byGroup);
        byGroup = enforceMinimum(byGroup);
        int[] byTable = new int[graph.size()];
        for (int t = 0; t < byTable.length; t++) {
            byTable[t] = byGroup[groupOf[t]];
        }
        return new Partition(byTable);
    }

    private int[] leiden(Network net, double resolution, long runSeed) {
        if (net.getNNodes() == 0) {
            return new int[0];
        }
        // modularity as CPM: node weights are the nodes' strengths, the resolution is scaled by 1 / 2m
        double twoM = 2 * net.getTotalEdgeWeight() + net.getTotalEdgeWeightSelfLinks();
        double cpmResolution = twoM > 0 ? resolution / twoM : resolution;
        Random random = new Random(runSeed);
        Clustering best = null;
        double bestQuality = Double.NEGATIVE_INFINITY;
        for (int start = 0; start < RANDOM_STARTS; start++) {
            LeidenAlgorithm algorithm = new LeidenAlgorithm(cpmResolution, ITERATIONS, RANDOMNESS, random);
            Clustering clustering = new Clustering(net.getNNodes());
            algorithm.improveClustering(net, clustering);
            double quality = algorithm.calcQuality(net, clustering);
            if (quality > bestQuality) {
                bestQuality = quality;
                best = clustering;
            }
        }
        return best.getClusters();
    }

    private int[] enforceMaximum(int[] byGroup, double resolution) {
        if (constraints.maxTables() == 0) {
            return byGroup;
        }
        int[] result = byGroup.clone();
        for (int round = 0; round < groups; round++) {
            int[] sizes = sizes(result);
            int oversized = -1;
            for (int c = 0; c < sizes.length; c++) {
                // a single contracted node (tables pinned together) cannot be split, whatever its size
                if (sizes[c] > constraints.maxTables() && members(result, c).size() > 1) {
                    oversized = c;
                    break;
                }
            }
            if (oversized < 0) {
                return result;
            }
            List<Integer> members = members(result, oversized);
            int[] split = splitFurther(members, resolution);
            int next = Arrays.stream(result).max().orElse(0) + 1;
            for (int i = 0; i < members.size(); i++) {
                if (split[i] > 0) {
                    result[members.get(i)] = next + split[i];
                }
            }
        }
        return result;
    }

    /** Re-clusters the nodes of one service at rising resolutions until it falls apart into at least two. */
    private int[] splitFurther(List<Integer> members, double resolution) {
        Network sub = network.createSubnetwork(members.stream().mapToInt(Integer::intValue).toArray());
        for (double r = Math.max(resolution, 0.5) * 1.5; r < 1000; r *= 1.5) {
            int[] clusters = leiden(sub, r, seed + 1);
            if (Arrays.stream(clusters).distinct().count() > 1) {
                return clusters;
            }
        }
        // no structure left to split along: halve it by table order rather than exceed the limit
        int[] halves = new int[members.size()];
        for (int i = members.size() / 2; i < halves.length; i++) {
            halves[i] = 1;
        }
        return halves;
    }

    private int[] enforceApart(int[] byGroup) {
        int[] result = byGroup.clone();
        for (int round = 0; round < groups + 1; round++) {
            int[] violation = null;
            for (int[] pair : apartPairs) {
                if (result[pair[0]] == result[pair[1]]) {
                    violation = pair;
                    break;
                }
            }
            if (violation == null) {
                return result;
            }
            // move the second node to the best other service that does not break another apart constraint
            int node = violation[1];
            int target = bestService(result, node, Set.of(result[node]));
            result[node] = target >= 0 ? target : Arrays.stream(result).max().orElse(0) + 1;
        }
        return result;
    }

    private int[] enforceMinimum(int[] byGroup) {
        if (constraints.minTables() <= 1) {
            return byGroup;
        }
        int[] result = byGroup.clone();
        for (int round = 0; round < groups; round++) {
            int[] sizes = sizes(result);
            int smallest = -1;
            for (int c = 0; c < sizes.length; c++) {
                if (sizes[c] > 0 && sizes[c] < constraints.minTables() && (smallest < 0 || sizes[c] < sizes[smallest])) {
                    smallest = c;
                }
            }
            if (smallest < 0) {
                return result;
            }
            List<Integer> members = members(result, smallest);
            int target = bestServiceForAll(result, members, smallest);
            if (target < 0) {
                return result; // nothing connects it, or every neighbour must stay apart from it: leave it small
            }
            for (int node : members) {
                result[node] = target;
            }
        }
        return result;
    }

    /** The service (other than {@code excluded}) {@code node} is most connected to and may join; -1 if none. */
    private int bestService(int[] assignment, int node, Set<Integer> excluded) {
        Map<Integer, Double> weight = new TreeMap<>();
        for (int k = 0; k < network.getNNeighbors(node); k++) {
            int neighbour = network.getNeighbors(node)[k];
            weight.merge(assignment[neighbour], network.getEdgeWeights(node)[k], Double::sum);
        }
        return weight.entrySet().stream()
                .filter(e -> !excluded.contains(e.getKey()) && mayJoin(assignment, List.of(node), e.getKey()))
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(-1);
    }

    private int bestServiceForAll(int[] assignment, List<Integer> nodes, int current) {
        Map<Integer, Double> weight = new TreeMap<>();
        for (int node : nodes) {
            for (int k = 0; k < network.getNNeighbors(node); k++) {
                int neighbour = network.getNeighbors(node)[k];
                if (assignment[neighbour] != current) {
                    weight.merge(assignment[neighbour], network.getEdgeWeights(node)[k], Double::sum);
                }
            }
        }
        int max = constraints.maxTables();
        int[] sizes = sizes(assignment);
        int moving = nodes.stream().mapToInt(n -> groupSize(n)).sum();
        return weight.entrySet().stream()
                .filter(e -> mayJoin(assignment, nodes, e.getKey()) && (max == 0 || sizes[e.getKey()] + moving <= max))
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(-1);
    }

    private boolean mayJoin(int[] assignment, List<Integer> nodes, int service) {
        Set<Integer> moving = new HashSet<>(nodes);
        for (int[] pair : apartPairs) {
            boolean firstMoves = moving.contains(pair[0]);
            boolean secondMoves = moving.contains(pair[1]);
            if (firstMoves && !secondMoves && assignment[pair[1]] == service
                    || secondMoves && !firstMoves && assignment[pair[0]] == service) {
                return false;
            }
        }
        return true;
    }

    private int[] sizes(int[] assignment) {
        int max = Arrays.stream(assignment).max().orElse(-1);
        int[] sizes = new int[max + 1];
        for (int node = 0; node < assignment.length; node++) {
            sizes[assignment[node]] += groupSize(node);
        }
        return sizes;
    }

    private int groupSize(int node) {
        return groupSizes[node];
    }

    private static List<Integer> members(int[] assignment, int service) {
        List<Integer> members = new ArrayList<>();
        for (int node = 0; node < assignment.length; node++) {
            if (assignment[node] == service) {
                members.add(node);
            }
        }
        return members;
    }

    private Map<String, List<TableName>> fixedServices() {
        Map<String, List<TableName>> byService = new TreeMap<>();
        constraints.fixed().forEach((table, service) -> {
            if (graph.contains(table)) {
                byService.computeIfAbsent(service, s -> new ArrayList<>()).add(table);
            }
        });
        return byService;
    }

    /** Union-find over pins and fixed assignments; returns each table's contracted node, numbered densely. */
    private int[] contract(TableGraph graph, Constraints constraints) {
        int n = graph.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        List<List<TableName>> groupsToJoin = new ArrayList<>();
        constraints.together().forEach(g -> groupsToJoin.add(g.stream().filter(graph::contains).sorted().toList()));
        Map<String, List<TableName>> fixed = new TreeMap<>();
        constraints.fixed().forEach((table, service) -> {
            if (graph.contains(table)) {
                fixed.computeIfAbsent(service, s -> new ArrayList<>()).add(table);
            }
        });
        groupsToJoin.addAll(fixed.values());
        for (List<TableName> group : groupsToJoin) {
            for (int i = 1; i < group.size(); i++) {
                union(parent, graph.indexOf(group.get(0)), graph.indexOf(group.get(i)));
            }
        }
        Map<Integer, Integer> dense = new HashMap<>();
        int[] result = new int[n];
        for (int i = 0; i < n; i++) {
            result[i] = dense.computeIfAbsent(find(parent, i), root -> dense.size());
        }
        return result;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    /**
     * The contracted network: node weights are the members' strengths in the full graph (what modularity's null model
     * needs), edges summed between contracted nodes. Each undirected edge is given once, unsorted; the Network
     * constructor adds the reverse direction itself (see LeidenNetworkTest).
     */
    private Network reducedNetwork() {
        double[] nodeWeights = new double[groups];
        for (int t = 0; t < graph.size(); t++) {
            nodeWeights[groupOf[t]] += graph.strength(t);
        }
        Map<Long, Double> summed = new TreeMap<>();
        for (Edge edge : graph.edges()) {
            int a = groupOf[graph.indexOf(edge.a())];
            int b = groupOf[graph.indexOf(edge.b())];
            if (a != b) {
                summed.merge((long) Math.min(a, b) * groups + Math.max(a, b), edge.weight(), Double::sum);
            }
        }
        LargeIntArray from = new LargeIntArray(summed.size());
        LargeIntArray to = new LargeIntArray(summed.size());
        LargeDoubleArray weights = new LargeDoubleArray(summed.size());
        long i = 0;
        for (Map.Entry<Long, Double> e : summed.entrySet()) {
            from.set(i, (int) (e.getKey() / groups));
            to.set(i, (int) (e.getKey() % groups));
            weights.set(i, e.getValue());
            i++;
        }
        return new Network(nodeWeights, new LargeIntArray[] {from, to}, weights, false, true);
    }
}
