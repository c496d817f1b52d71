import { chunkTokens, SCANNER_USER_AGENTS } from "../../components/plan/scanners";

describe("SCANNER_USER_AGENTS", () => {
  it("holds the tools named in the case and the usual scanners", () => {
    for (const tool of [
      "sqlmap",
      "nikto",
      "nmap",
      "masscan",
      "zgrab",
      "hydra",
      "nuclei",
      "gobuster",
      "dirbuster",
      "wpscan",
      "acunetix",
      "netsparker",
      "openvas",
      "nessus",
      "w3af",
      "whatweb",
      "ffuf",
      "feroxbuster",
    ]) {
      expect(SCANNER_USER_AGENTS).toContain(tool);
    }
  });

  it("is lower-case, unique, frozen and free of tokens that match ordinary browsers", () => {
    expect(new Set(SCANNER_USER_AGENTS).size).toBe(SCANNER_USER_AGENTS.length);
    for (const t of SCANNER_USER_AGENTS) {
      expect(t).toBe(t.toLowerCase());
      expect(t.length).toBeGreaterThanOrEqual(4);
    }
    expect(Object.isFrozen(SCANNER_USER_AGENTS)).toBe(true);
    const browsers = [
      "mozilla/5.0 (windows nt 10.0; win64; x64) applewebkit/537.36 (khtml, like gecko) chrome/120.0 safari/537.36",
      "mozilla/5.0 (iphone; cpu iphone os 17_0 like mac os x) applewebkit/605.1.15 (khtml, like gecko) version/17.0 mobile/15e148 safari/604.1",
      "mozilla/5.0 (x11; linux x86_64; rv:121.0) gecko/20100101 firefox/121.0",
      "elb-healthchecker/2.0",
      "amazon-route53-health-check-service (ref 1; report http://amzn.to/1vsz8xc)",
    ];
    for (const ua of browsers) expect(SCANNER_USER_AGENTS.filter((t) => ua.includes(t))).toEqual([]);
  });
});

describe("chunkTokens", () => {
  it("keeps every token once, in order, in chunks of at most size", () => {
    const chunks = chunkTokens(SCANNER_USER_AGENTS, 10);
    expect(chunks.flat()).toEqual([...SCANNER_USER_AGENTS]);
    expect(chunks.every((c) => c.length <= 10 && c.length > 0)).toBe(true);
    expect(() => chunkTokens(["a"], 0)).toThrow(/size is 0/);
  });
});
