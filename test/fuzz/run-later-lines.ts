// Shell lines that write a file and run it later (sh F, . F, chmod then F, a unit's ExecStart, cron, rc.local), build
// an xinetd service a line at a time, or copy over a kept file; with mangled ones: unclosed quotes and groups, variables
// that name themselves, files that run each other in a cycle and files run that nothing wrote. Text only: never run.
const RUN_LATER_WRITES = [
  "printf 'x11vnc -forever\\n' > /opt/start",
  "printf -- 'x11vnc -forever\\n' > /opt/start",
  "printf -v L 'x11vnc -forever'; echo \"$L\" > /opt/start",
  "echo 'x11vnc -forever' >> /opt/start",
  "printf 'x11vnc ' >> /opt/start; printf -- '-forever\\n' >> /opt/start",
  "echo 'x11vnc -forever' | tee -a /opt/start",
  "echo 'echo started' | tee /opt/start",
  "F=/opt/start; echo 'in.telnetd -debug 23' > \"$F\"",
  "cd /opt && printf 'x11vnc -forever\\n' > start && ./start",
  "cd /opt && sh start",
  "cp /opt/start /opt/kept && sh /opt/kept",
  "cp /etc/hostname /opt/start",
  "mv /tmp/x /opt/start",
  "write_files:\n  - path: /opt/start\n    content: |\n      x11vnc -forever\nruncmd:\n  - [sh, /opt/start]",
  "write_files:\n  - path: /opt/start\n    append: true\n    content: x11vnc -forever",
];

const RUN_LATER_RUNS = [
  "sh /opt/start",
  ". /opt/start",
  "source /opt/start",
  "bash -x /opt/start",
  "chmod +x /opt/start && /opt/start",
  "chmod 755 /opt/start; /opt/start &",
  'F=/opt/start; sh "$F"',
  "printf '[Service]\\nExecStart=/opt/start\\n' > /etc/systemd/system/start.service",
  "ExecStart=-/opt/start",
  "echo '@reboot root /opt/start' > /etc/cron.d/start",
  "echo '/opt/start &' >> /etc/rc.local",
];

const XINETD_PIECES = [
  "echo 'service telnet' >> /etc/xinetd.d/telnet",
  "echo '{' >> /etc/xinetd.d/telnet",
  "echo '  disable = no' >> /etc/xinetd.d/telnet",
  "echo '  disable = yes' >> /etc/xinetd.d/telnet",
  "echo '  server = /usr/sbin/in.telnetd' >> /etc/xinetd.d/telnet",
  "echo '}' >> /etc/xinetd.d/telnet",
  "echo 'service vnc {' > /etc/xinetd.d/vnc; echo '  server = /usr/bin/Xvnc' >> /etc/xinetd.d/vnc",
  "echo '  only_from = 127.0.0.1' >> /etc/xinetd.d/vnc",
  "X=/etc/xinetd.d/rsh; echo 'service shell {' >> $X; echo '  server = /usr/sbin/in.rshd' >> $X",
  "echo '  disa' >> /etc/xinetd.d/telnet; echo 'ble = no' >> /etc/xinetd.d/telnet",
];

const RUN_LATER_MANGLED = [
  "printf 'x11vnc -forever\\n > /opt/start",
  'echo "x11vnc >> /opt/start',
  "{ echo x11vnc; echo -forever; > /opt/start",
  "( sh /opt/start",
  "echo 'sh /opt/b' > /opt/a",
  "echo 'sh /opt/a' > /opt/b",
  "sh /opt/a",
  ". /opt/b",
  "echo '. /opt/start' >> /opt/start",
  "sh /opt/never-written",
  "F=$F$F; sh $F",
  "F=/opt/$F; echo x > $F; . $F",
  "c=$c$c$c; echo $c >> $c",
  "cd /opt && cd .. && ./start",
  "cp /opt/a /opt/b; cp /opt/b /opt/a",
  "echo '{' >> /etc/xinetd.d/telnet; echo '{' >> /etc/xinetd.d/telnet",
  "ExecStart=",
  "sh",
  `${"sh /opt/s; ".repeat(300)}`,
  `${"echo a >> /opt/s; ".repeat(300)}sh /opt/s`,
];

export const RUN_LATER_LINES: readonly string[] = [
  ...RUN_LATER_WRITES,
  ...RUN_LATER_RUNS,
  ...XINETD_PIECES,
  ...RUN_LATER_MANGLED,
];
