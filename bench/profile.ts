// `npx tsx bench/profile.ts [file.cpuprofile] [--last S] [--inclusive] [--within f1,f2]`: where the server's time went during `npm run bench -- --profile`
// (the newest profile of .data/profiles by default): self time per function and per package, heaviest first.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
};
type Profile = {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};

const dir = path.resolve(".data/profiles");
const file =
  process.argv[2] && !process.argv[2].startsWith("--")
    ? process.argv[2]
    : path.join(
        dir,
        readdirSync(dir)
          .filter((f) => f.endsWith(".cpuprofile"))
          .sort(
            (a, b) => statSync(path.join(dir, b)).mtimeMs - statSync(path.join(dir, a)).mtimeMs,
          )[0]!,
      );
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

// Self time of each node: the sum of the time deltas of its samples. `--last S`: only the samples of the
// profile's last S seconds (the measured window, without the server's start).
const lastIndex = process.argv.indexOf("--last");
const since = lastIndex > 0 ? profile.endTime - Number(process.argv[lastIndex + 1]) * 1e6 : 0;
const self = new Map<number, number>();
let at = profile.startTime;
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i] ?? 0;
  if (at >= since) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);

const packageOf = (url: string) => {
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1]!;
  if (url.includes(".next/server/chunks") || url.includes(".next/server/app"))
    return "(app bundle)";
  if (url.startsWith("node:") || !url) return "(node / native)";
  return url.replace(/^file:\/\//, "").replace(process.cwd(), ".");
};

const tally = (key: (n: Node) => string) => {
  const sums = new Map<string, number>();
  for (const [id, t] of self) {
    const k = key(byId.get(id)!);
    sums.set(k, (sums.get(k) ?? 0) + t);
  }
  return [...sums]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([name, t]) => ({
      name: name.slice(0, 110),
      ms: Math.round(t / 1000),
      share: `${((100 * t) / total).toFixed(1)} %`,
    }));
};

console.log(`${file}: ${Math.round(total / 1000)} ms sampled`);
console.table(tally((n) => packageOf(n.callFrame.url)));
console.table(
  tally(
    (n) =>
      `${n.callFrame.functionName || "(anonymous)"} ${path.basename(n.callFrame.url)}:${n.callFrame.lineNumber}`,
  ),
);

// `--within name1,name2`: the share of samples whose stack passes through each named function (inclusive time).
const within = process.argv.indexOf("--within");
if (within > 0) {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const names = process.argv[within + 1]!.split(",");
  const rows = names.map((name) => {
    let t = 0;
    for (const [id, dt] of self) {
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        if (byId.get(cur)!.callFrame.functionName === name) {
          t += dt;
          break;
        }
      }
    }
    return { name, ms: Math.round(t / 1000), share: `${((100 * t) / total).toFixed(1)} %` };
  });
  console.table(rows);
}

// `--inclusive`: the functions whose calls take the most time, callees included (each function counted once per sample).
if (process.argv.includes("--inclusive")) {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const sums = new Map<string, number>();
  for (const [id, dt] of self) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      const name = `${f.functionName || "(anonymous)"} ${path.basename(f.url)}:${f.lineNumber}`;
      if (!seen.has(name)) sums.set(name, (sums.get(name) ?? 0) + dt);
      seen.add(name);
    }
  }
  console.table(
    [...sums]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 60)
      .map(([name, t]) => ({
        name: name.slice(0, 100),
        ms: Math.round(t / 1000),
        share: `${((100 * t) / total).toFixed(1)} %`,
      })),
  );
}
