"use strict";
// The banner's own GPP encoder against the IAB's library. The encoder is the text of banner.js
// (its path the first argument) between the "gpp encoder" marker comments, evaluated as it is.
// Each stdin line is a case, {"gpp": <the notice's signals.gpp>, "optedOut": bool, "gpc": bool};
// each stdout line is {"case", "made": what the encoder made, "judged": what judge.js says of its string}.
const fs = require("fs");
const { judge } = require("./judge.js");

const BEGIN = "// ---- gpp encoder ----";
const END = "// ---- end gpp encoder ----";

const banner = fs.readFileSync(process.argv[2], "utf8");
const begin = banner.indexOf(BEGIN);
const end = banner.indexOf(END);
if (begin < 0 || end < begin) {
  throw new Error("no gpp encoder between the markers in " + process.argv[2]);
}
const gppSignal = new Function(banner.slice(begin, end) + "\nreturn gppSignal;")();

require("readline").createInterface({ input: process.stdin }).on("line", (line) => {
  if (!line.trim()) return;
  const c = JSON.parse(line);
  const made = gppSignal(c.gpp, c.optedOut, c.gpc);
  process.stdout.write(JSON.stringify({ case: c, made, judged: judge(made.string) }) + "\n");
});
