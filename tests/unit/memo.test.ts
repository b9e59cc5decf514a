import { describe, expect, it } from "vitest";
import { VersionedMemo } from "@/lib/memo";

describe("VersionedMemo", () => {
  it("computes once per slot and version, again when the version moves", () => {
    const memo = new VersionedMemo<number>(10);
    let runs = 0;
    const compute = () => ++runs;
    expect(memo.get("region-53", "v1", compute)).toBe(1);
    expect(memo.get("region-53", "v1", compute)).toBe(1);
    expect(memo.get("region-53", "v2", compute)).toBe(2);
    expect(memo.get("region-53", "v1", compute)).toBe(3); // only the latest version is kept
    expect(memo.get("region-11", "v1", compute)).toBe(4);
    expect(memo.size).toBe(2);
  });

  it("shares a computation in progress and forgets one that fails", async () => {
    const memo = new VersionedMemo<Promise<string>>(10);
    let runs = 0;
    const failing = () => {
      runs++;
      return Promise.reject(new Error("base indisponible"));
    };
    const first = memo.get("call", "v1", failing);
    const second = memo.get("call", "v1", failing);
    expect(second).toBe(first);
    await expect(first).rejects.toThrow("base indisponible");
    await expect(memo.get("call", "v1", async () => "lu")).resolves.toBe("lu");
    expect(runs).toBe(1);
  });

  it("keeps at most its number of slots, the oldest going first", () => {
    const memo = new VersionedMemo<string>(2);
    memo.get("a", "1", () => "a");
    memo.get("b", "1", () => "b");
    memo.get("c", "1", () => "c");
    expect(memo.size).toBe(2);
    expect(memo.get("a", "1", () => "a again")).toBe("a again");
    expect(memo.get("c", "1", () => "c again")).toBe("c");
  });
});
