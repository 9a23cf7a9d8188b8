package sweep

import (
	"slices"
	"strings"
	"testing"
)

func TestShardFromEnv(t *testing.T) {
	tests := []struct {
		shard string
		count int
		env   map[string]string
		i, n  int
		err   string
	}{
		{"", 0, nil, 0, 1, ""},
		{"2/5", 0, nil, 2, 5, ""},
		{"0/1", 0, map[string]string{EnvSlurmTask: "3", EnvSlurmCount: "4"}, 0, 1, ""}, // the flag wins
		{"", 0, map[string]string{EnvSlurmTask: "3", EnvSlurmCount: "4"}, 3, 4, ""},
		{"", 8, map[string]string{EnvSlurmTask: "3", EnvSlurmCount: "4"}, 3, 8, ""},
		{"", 4, map[string]string{EnvSlurmTask: "3"}, 3, 4, ""},
		{"", 4, map[string]string{EnvK8sIndex: "1"}, 1, 4, ""},
		{"", 4, map[string]string{EnvSlurmTask: "0", EnvK8sIndex: "1"}, 0, 4, ""},
		{"5/5", 0, nil, 0, 0, "0 <= i < n"},
		{"-1/5", 0, nil, 0, 0, "0 <= i < n"},
		{"1/0", 0, nil, 0, 0, "0 <= i < n"},
		{"1", 0, nil, 0, 0, "want i/n"},
		{"1/2", 2, nil, 0, 0, "not both"},
		{"", 0, map[string]string{EnvSlurmTask: "3"}, 0, 0, "give --shard-count"},
		{"", 0, map[string]string{EnvSlurmTask: "4", EnvSlurmCount: "4"}, 0, 0, "--array=0-3"},
		{"", 0, map[string]string{EnvSlurmTask: "x", EnvSlurmCount: "4"}, 0, 0, "not a shard index"},
		{"", 0, map[string]string{EnvK8sIndex: "1"}, 0, 0, "give --shard-count"},
		{"", 2, map[string]string{EnvK8sIndex: "2"}, 0, 0, "not below"},
		{"", 2, nil, 0, 0, "--shard-count needs"},
	}
	for k, tc := range tests {
		i, n, err := ShardFromEnv(tc.shard, tc.count, func(name string) string { return tc.env[name] })
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%d: ShardFromEnv(--shard %q, --shard-count %d, %v) = %v, want an error with %q", k, tc.shard, tc.count, tc.env, err, tc.err)
		case tc.err == "" && (err != nil || i != tc.i || n != tc.n):
			t.Errorf("%d: ShardFromEnv(--shard %q, --shard-count %d, %v) = %d, %d, %v; want %d, %d", k, tc.shard, tc.count, tc.env, i, n, err, tc.i, tc.n)
		}
	}
}

func TestShardPoints(t *testing.T) {
	tests := []struct {
		points, i, n int
		want         []int
	}{
		{6, 0, 1, []int{0, 1, 2, 3, 4, 5}},
		{6, 1, 3, []int{1, 4}},
		{7, 0, 3, []int{0, 3, 6}},
		{2, 2, 3, nil},
	}
	for _, tc := range tests {
		if got := shardPoints(tc.points, tc.i, tc.n); !slices.Equal(got, tc.want) {
			t.Errorf("shardPoints(%d, %d, %d) = %v, want %v", tc.points, tc.i, tc.n, got, tc.want)
		}
	}
}
