// One unit repeated 100,000–160,000 times after a head that makes a reader collect it as a list: options, words,
// brace items, joined strings, array items, escapes, appended lines, files run. A reader that spreads such a list into
// one call (push(...items), Math.max(...items)) throws a RangeError past about 100,000 items; 30,000, as in the other
// pathological values, never reaches it. Text only: never run.
import fc from "fast-check";

/** [head, unit, tail]: each head is a form whose reader gathers the units into one list. */
const LIST_FORMS: readonly (readonly [string, string, string])[] = [
  ["#!/bin/sh\nuseradd ops ", "-p ", "x"],
  ["#!/bin/sh\necho ", "x ", "> /opt/start\nsh /opt/start"],
  ["#!/bin/sh\nrm -f /etc/ssh/sshd_config.d/{", "a,", "b}"],
  ["#!/bin/sh\nx11vnc ", "-p ", "-forever"],
  ["#!/bin/sh\n", "echo a >> /opt/s\n", "sh /opt/s"],
  ["#!/bin/sh\nprintf 'x11vnc -forever\\n' > /opt/s\n", "sh /opt/s\n", ""],
  ["#!/bin/sh\nX=/etc/xinetd.d/telnet\necho 'service telnet {' > $X\n", "echo ' disable = no' >> $X\n", "echo } >> $X"],
  ["#!/bin/sh\nc=x\n", "c=$c$c; ", "echo $c > /opt/s; sh /opt/s"],
  ["<powershell>\n$a = ", "$a + ", "'x'"],
  ["<powershell>\nStart-Process powershell -ArgumentList ", "'a', ", "'b'"],
  ["<powershell>\n$a = @(", "'a', ", "'b')\nStart-Process powershell -ArgumentList $a"],
  ["<powershell>\niex (", "'a' + ", "'b')"],
  ["[powershell]\nnet user ops ", "x ", "/add"],
  ['[powershell]\ncmd /c"', "^&", '"'],
  ["<script>\necho net user ", "^&", " > C:\\s.cmd\ncall C:\\s.cmd"],
  ["<script>\n(", "echo a & ", "echo b) > C:\\s.cmd"],
  ["[bat]\n", "echo a >> C:\\s.cmd\n", "call C:\\s.cmd"],
  ["[bat]\nset A=", "%A%", "\nnet user ops %A% /add"],
];

const UNITS = ["-p ", "x ", "a,", "$a + ", "'a', ", "^&", "echo a >> /opt/s\n", "sh /opt/s\n"];
const HEADS = ["", "#!/bin/sh\n", "<powershell>\n", "<script>\n", "[bat]\n", "[powershell]\n"];

/** A list of 100,000–160,000 items, so every reader that gathers one meets a list past the argument-count limit. */
export const longList = (): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...LIST_FORMS) },
        {
          weight: 1,
          arbitrary: fc.tuple(fc.constantFrom(...HEADS), fc.constantFrom(...UNITS), fc.constant("")),
        },
      ),
      fc.integer({ min: 100_000, max: 160_000 }),
    )
    .map(([[head, unit, tail], n]) => head + unit.repeat(n) + tail);
