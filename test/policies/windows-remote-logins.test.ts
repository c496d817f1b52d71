// Windows remote logins weakened at boot, read by disallow-userdata-login-weakening as "password-login-server": RDP
// without Network Level Authentication or TLS, WinRM taking Basic authentication or unencrypted traffic, Telnet
// Server installed or started. Script text lives only in these strings; nothing here runs it.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { findWindowsLoginWeaknesses } from "../../lib/windows-login-weaknesses";
import { Case, run, table, UNKNOWN } from "./harness";

const EC2 = "aws:ec2/instance:Instance";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const ECS = "alicloud:ecs/instance:Instance";
const DOCUMENT = "aws:ssm/document:Document";
const b64 = (s: string) => Buffer.from(s).toString("base64");

const RDP_TCP = "HKLM:\\System\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp";
const REG_RDP_TCP = '"HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp"';
const TS_POLICY = "HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services";
const TS_SETTING = `Get-WmiObject -class Win32_TSGeneralSetting -Namespace root\\cimv2\\terminalservices -Filter "TerminalName='RDP-tcp'"`;
const TS_CIM = `Get-CimInstance -ClassName Win32_TSGeneralSetting -Namespace root/cimv2/terminalservices -Filter "TerminalName='RDP-tcp'"`;
const nla = (value: string) => `Set-ItemProperty -Path '${RDP_TCP}' -Name UserAuthentication -Value ${value}`;
const WINRM_BASIC = `winrm set winrm/config/service/auth '@{Basic="true"}'`;
const WINRM_UNENCRYPTED = `winrm set winrm/config/service '@{AllowUnencrypted="true"}'`;

const ps = (...lines: string[]) => `<powershell>\n${lines.join("\n")}\n</powershell>`;
const bat = (...lines: string[]) => `<script>\r\n${lines.join("\r\n")}\r\n</script>`;
const instance = (userData: string): Record<string, unknown> => ({ ami: "ami-1", userData });
/** A schema 2.2 Command document running the lines as one aws:runPowerShellScript step. */
const commandDocument = (...runCommand: string[]): Record<string, unknown> => ({
  documentType: "Command",
  content: JSON.stringify({
    schemaVersion: "2.2",
    description: "Windows setup",
    mainSteps: [{ action: "aws:runPowerShellScript", name: "setup", inputs: { runCommand } }],
  }),
});

describe("disallow-userdata-login-weakening: RDP without Network Level Authentication or TLS", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "Set-ItemProperty UserAuthentication 0 on RDP-Tcp",
      type: EC2,
      props: instance(ps(nla("0"))),
      violations: 1,
      mentions: "RDP without Network Level Authentication shows the logon screen to anyone",
    },
    {
      name: "New-ItemProperty UserAuthentication 0, piped to Out-Null (base64 launch template)",
      type: LAUNCH_TEMPLATE,
      props: {
        userData: b64(
          ps(
            `New-ItemProperty -Path '${RDP_TCP}' -Name 'UserAuthentication' -PropertyType DWord -Value 0 -Force | Out-Null`,
          ),
        ),
      },
      violations: 1,
      mentions: "Network Level Authentication",
    },
    {
      name: "reg add UserAuthentication 0 in a batch <script> block",
      type: EC2,
      props: instance(bat(`reg add ${REG_RDP_TCP} /v UserAuthentication /t REG_DWORD /d 0 /f`)),
      violations: 1,
      mentions: "Network Level Authentication",
    },
    {
      name: "reg.exe add with a hexadecimal zero",
      type: EC2,
      props: instance(ps(`reg.exe add ${REG_RDP_TCP} /v UserAuthentication /t REG_DWORD /d 0x00000000 /f`)),
      violations: 1,
    },
    {
      name: "the key held in a variable, the value positional",
      type: EC2,
      props: instance(ps(`$rdp = '${RDP_TCP}'`, "Set-ItemProperty $rdp UserAuthentication 0")),
      violations: 1,
    },
    {
      name: "the Group Policy key turning NLA off",
      type: EC2,
      props: instance(
        ps(`New-ItemProperty -Path '${TS_POLICY}' -Name UserAuthentication -Value 0 -PropertyType DWord`),
      ),
      violations: 1,
    },
    {
      name: "WMI SetUserAuthenticationRequired(0)",
      type: EC2,
      props: instance(ps(`(${TS_SETTING}).SetUserAuthenticationRequired(0)`)),
      violations: 1,
      mentions: "Network Level Authentication",
    },
    {
      name: "WMI object in a variable, then its setter",
      type: EC2,
      props: instance(ps(`$ts = ${TS_SETTING}`, "$ts.SetUserAuthenticationRequired(0) | Out-Null")),
      violations: 1,
    },
    {
      name: "CIM: Invoke-CimMethod with the argument in a hashtable",
      type: EC2,
      props: instance(
        ps(
          `${TS_CIM} | Invoke-CimMethod -MethodName SetUserAuthenticationRequired -Arguments @{UserAuthenticationRequired = 0}`,
        ),
      ),
      violations: 1,
    },
    {
      name: "Invoke-WmiMethod -ArgumentList 0",
      type: EC2,
      props: instance(ps(`Invoke-WmiMethod -Path $tsPath -Name SetUserAuthenticationRequired -ArgumentList 0`)),
      violations: 1,
    },
    {
      name: "SecurityLayer 0: RDP's own layer instead of TLS",
      type: EC2,
      props: instance(ps(`Set-ItemProperty -Path '${RDP_TCP}' -Name SecurityLayer -Value 0`)),
      violations: 1,
      mentions: "RDP security layer 0 drops TLS",
    },
    {
      name: "WMI SetSecurityLayer(0)",
      type: EC2,
      props: instance(ps(`(${TS_SETTING}).SetSecurityLayer(0)`)),
      violations: 1,
    },
    {
      name: "NLA off and TLS off: two lines, two violations",
      type: EC2,
      props: instance(ps(nla("0"), `Set-ItemProperty -Path '${RDP_TCP}' -Name SecurityLayer -Value 0`)),
      violations: 2,
    },
    {
      name: "a value from a variable the script sets to 0",
      type: EC2,
      props: instance(ps("$nla = 0", nla("$nla"))),
      violations: 1,
    },
    {
      name: "a value from a variable the script does not set is a note",
      type: EC2,
      props: instance(ps(nla("$RequireNla"))),
      violations: 0,
      notes: 1,
    },
    {
      name: "a value from the environment is a note",
      type: EC2,
      props: instance(bat(`reg add ${REG_RDP_TCP} /v UserAuthentication /t REG_DWORD /d %NLA% /f`)),
      violations: 0,
      notes: 1,
    },
    { name: "UserAuthentication 1 keeps NLA", type: EC2, props: instance(ps(nla("1"))), violations: 0 },
    {
      name: "SecurityLayer 2 (TLS) and 1 (negotiate)",
      type: EC2,
      props: instance(
        ps(
          `Set-ItemProperty -Path '${RDP_TCP}' -Name SecurityLayer -Value 2`,
          `reg add ${REG_RDP_TCP} /v SecurityLayer /t REG_DWORD /d 1 /f`,
        ),
      ),
      violations: 0,
    },
    {
      name: "NLA turned off, then on again by a later line",
      type: EC2,
      props: instance(ps(nla("0"), "Restart-Service TermService -Force", nla("1"))),
      violations: 0,
    },
    {
      name: "NLA turned on, then off: the last value wins",
      type: EC2,
      props: instance(ps(`(${TS_SETTING}).SetUserAuthenticationRequired(1)`, nla("0"))),
      violations: 1,
    },
    {
      name: "CIM setter with 1",
      type: EC2,
      props: instance(
        ps(
          `${TS_CIM} | Invoke-CimMethod -MethodName SetUserAuthenticationRequired -Arguments @{UserAuthenticationRequired=1}`,
        ),
      ),
      violations: 0,
    },
    {
      name: "fDenyTSConnections 0 alone turns RDP on with NLA, the AMIs' default",
      type: EC2,
      props: instance(
        ps(
          "Set-ItemProperty -Path 'HKLM:\\System\\CurrentControlSet\\Control\\Terminal Server' -Name fDenyTSConnections -Value 0",
          'Enable-NetFirewallRule -DisplayGroup "Remote Desktop"',
        ),
      ),
      violations: 0,
    },
    {
      name: "reading the values is no finding",
      type: EC2,
      props: instance(
        ps(
          `Get-ItemProperty -Path '${RDP_TCP}' -Name UserAuthentication`,
          `(${TS_SETTING}).UserAuthenticationRequired`,
          `reg query ${REG_RDP_TCP} /v SecurityLayer`,
        ),
      ),
      violations: 0,
    },
    {
      name: "the commands only printed or commented out",
      type: EC2,
      props: instance(
        ps(
          `Write-Host "${nla("0").replace(/'/g, "")}"`,
          `Write-Output 'call .SetUserAuthenticationRequired(0) to turn NLA off'`,
          `# ${nla("0")}`,
          `<#\n(${TS_SETTING}).SetSecurityLayer(0)\n#>`,
        ),
      ),
      violations: 0,
    },
    {
      name: "the Group Policy key's 1 does not undo the local key's 0",
      type: EC2,
      props: instance(
        ps(nla("0"), `New-ItemProperty -Path '${TS_POLICY}' -Name UserAuthentication -Value 1 -PropertyType DWord`),
      ),
      violations: 1,
    },
    {
      name: "UserAuthentication 0 under another key (not RDP-Tcp)",
      type: EC2,
      props: instance(
        ps("Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Contoso\\RDP-Tcp-Backup' -Name UserAuthentication -Value 0"),
      ),
      violations: 0,
    },
  ] as Case[]);
});

describe("disallow-userdata-login-weakening: WinRM Basic authentication and unencrypted traffic", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "winrm set …/service/auth Basic true",
      type: EC2,
      props: instance(ps(WINRM_BASIC)),
      violations: 1,
      mentions: "WinRM Basic authentication takes a password alone",
    },
    {
      name: "winrm set …/service AllowUnencrypted true",
      type: EC2,
      props: instance(ps(WINRM_UNENCRYPTED)),
      violations: 1,
      mentions: "unencrypted WinRM sends passwords",
    },
    {
      name: "batch: the hashtable unquoted, another setting before it, through call and winrm.cmd",
      type: EC2,
      props: instance(
        bat(
          'call winrm set winrm/config/service @{MaxTimeoutms="1800000";AllowUnencrypted="true"}',
          'C:\\Windows\\System32\\winrm.cmd set winrm/config/service/auth @{Basic="true"}',
        ),
      ),
      violations: 2,
    },
    {
      name: "cmd /c winrm set, bare and quoted",
      type: EC2,
      props: instance(
        ps(`cmd /c ${WINRM_BASIC}`, `cmd.exe /c 'winrm set winrm/config/service @{AllowUnencrypted="true"}'`),
      ),
      violations: 2,
    },
    {
      name: "inside a script block",
      type: EC2,
      props: instance(ps(`Invoke-Command -ScriptBlock { ${WINRM_BASIC} }`)),
      violations: 1,
    },
    {
      name: "the WSMan: drive, named and positional",
      type: EC2,
      props: instance(
        ps(
          "Set-Item -Path WSMan:\\localhost\\Service\\Auth\\Basic -Value $true",
          "Set-Item WSMan:\\localhost\\Service\\AllowUnencrypted $true",
        ),
      ),
      violations: 2,
      mentions: "WinRM",
    },
    {
      name: "the WSMan: drive with true and 1, quoted, -Force",
      type: EC2,
      props: instance(
        ps(
          "Set-Item -Path WSMan:\\localhost\\Service\\Auth\\Basic -Value true -Force",
          "Set-Item 'WSMan:\\localhost\\Service\\AllowUnencrypted' 1",
        ),
      ),
      violations: 2,
    },
    {
      name: "Set-WSManInstance -ValueSet",
      type: EC2,
      props: instance(ps('Set-WSManInstance -ResourceURI winrm/config/service/auth -ValueSet @{Basic="true"}')),
      violations: 1,
    },
    {
      name: "the Group Policy key allowing unencrypted traffic",
      type: EC2,
      props: instance(
        ps(
          "New-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Service' -Name AllowUnencryptedTraffic -Value 1 -PropertyType DWord",
        ),
      ),
      violations: 1,
    },
    {
      name: "the WSMan service's own registry values, batch",
      type: EC2,
      props: instance(
        bat(
          'reg add "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WSMAN\\Service" /v auth_basic /t REG_DWORD /d 1 /f',
        ),
      ),
      violations: 1,
    },
    {
      name: "a value from a variable the script does not set is a note",
      type: EC2,
      props: instance(ps("Set-Item WSMan:\\localhost\\Service\\Auth\\Basic -Value $AllowBasic")),
      violations: 0,
      notes: 1,
    },
    {
      name: "Basic false, AllowUnencrypted false",
      type: EC2,
      props: instance(
        ps(
          `winrm set winrm/config/service/auth '@{Basic="false"}'`,
          `winrm set winrm/config/service '@{AllowUnencrypted="false"}'`,
          "Set-Item WSMan:\\localhost\\Service\\AllowUnencrypted $false",
          "Set-Item -Path WSMan:\\localhost\\Service\\Auth\\Basic -Value 0",
        ),
      ),
      violations: 0,
    },
    {
      name: "Basic turned on, then off again",
      type: EC2,
      props: instance(ps(WINRM_BASIC, "Set-Item WSMan:\\localhost\\Service\\Auth\\Basic $false")),
      violations: 0,
    },
    {
      name: "the client's settings weaken no login to this machine",
      type: EC2,
      props: instance(
        ps(
          `winrm set winrm/config/client/auth '@{Basic="true"}'`,
          "Set-Item WSMan:\\localhost\\Client\\AllowUnencrypted $true",
          "Set-Item WSMan:\\localhost\\Client\\TrustedHosts '*' -Force",
        ),
      ),
      violations: 0,
    },
    {
      name: "reading the settings, quick config, printing the command",
      type: EC2,
      props: instance(
        ps(
          "winrm get winrm/config/service",
          "Get-Item WSMan:\\localhost\\Service\\Auth\\Basic",
          "winrm quickconfig -quiet",
          `Write-Host '${WINRM_BASIC.replace(/'/g, "")}'`,
        ),
      ),
      violations: 0,
    },
  ] as Case[]);
});

describe("disallow-userdata-login-weakening: Telnet Server on Windows", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "Install-WindowsFeature Telnet-Server",
      type: EC2,
      props: instance(ps("Install-WindowsFeature Telnet-Server")),
      violations: 1,
      mentions: "Telnet Server sends passwords in clear text; use SSH with keys through the bastion",
    },
    {
      name: "dism /Enable-Feature /FeatureName:TelnetServer in batch",
      type: EC2,
      props: instance(bat("dism /online /Enable-Feature /FeatureName:TelnetServer")),
      violations: 1,
    },
    {
      name: "Enable-WindowsOptionalFeature -FeatureName TelnetServer",
      type: EC2,
      props: instance(ps("Enable-WindowsOptionalFeature -Online -FeatureName TelnetServer -All")),
      violations: 1,
    },
    {
      name: "one feature of a list, from a variable",
      type: EC2,
      props: instance(ps("$features = 'Web-Server','Telnet-Server'", "Install-WindowsFeature -Name $features")),
      violations: 1,
    },
    {
      name: "its service set to start and started",
      type: EC2,
      props: instance(ps("Set-Service TlntSvr -StartupType Automatic", "Start-Service TlntSvr")),
      violations: 2,
    },
    {
      name: "the Telnet client only",
      type: EC2,
      props: instance(
        ps(
          "Install-WindowsFeature Telnet-Client",
          "Enable-WindowsOptionalFeature -Online -FeatureName TelnetClient",
          "dism /online /Enable-Feature /FeatureName:TelnetClient",
        ),
      ),
      violations: 0,
    },
    {
      name: "installed, then removed",
      type: EC2,
      props: instance(ps("Install-WindowsFeature Telnet-Server", "Uninstall-WindowsFeature Telnet-Server")),
      violations: 0,
    },
    {
      name: "looked up, printed, commented out",
      type: EC2,
      props: instance(
        ps(
          "Get-WindowsFeature Telnet-Server",
          "Write-Host 'Install-WindowsFeature Telnet-Server'",
          "# Start-Service TlntSvr",
        ),
      ),
      violations: 0,
    },
  ] as Case[]);
});

describe("disallow-userdata-login-weakening: remote logins across carriers", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "Alibaba Cloud [powershell] user data allowing WinRM Basic",
      type: ECS,
      props: { userData: b64(`[powershell]\n${WINRM_BASIC}\n`) },
      violations: 1,
    },
    {
      name: "Alibaba Cloud [bat] user data turning NLA off",
      type: ECS,
      props: { userData: b64(`[bat]\r\nreg add ${REG_RDP_TCP} /v UserAuthentication /t REG_DWORD /d 0 /f\r\n`) },
      violations: 1,
    },
    {
      name: "EC2 <script> and <powershell> blocks: both read",
      type: EC2,
      props: instance(`${bat("dism /online /Enable-Feature /FeatureName:TelnetServer")}\n${ps(WINRM_UNENCRYPTED)}`),
      violations: 2,
    },
    {
      name: "an SSM Command document's aws:runPowerShellScript step",
      type: DOCUMENT,
      props: commandDocument("Set-Item WSMan:\\localhost\\Service\\AllowUnencrypted $true", "Restart-Service WinRM"),
      violations: 1,
      mentions: "content",
    },
    {
      name: "an SSM Command document keeping NLA",
      type: DOCUMENT,
      props: commandDocument(nla("1")),
      violations: 0,
    },
    {
      name: "user data unknown at preview is a note, not a violation",
      type: EC2,
      props: instance(UNKNOWN as never),
      violations: 0,
      notes: 1,
    },
  ] as Case[]);

  it("quotes the line and names the kind", async () => {
    const ds = await run(disallowUserdataLoginWeakening, EC2, instance(ps("Install-WindowsFeature Telnet-Server")));
    expect(ds.map((d) => d.message).join("\n")).toContain(
      'userData opens a remote login to password guessing or clear-text passwords: "Install-WindowsFeature Telnet-Server"',
    );
    const weaknesses = findWindowsLoginWeaknesses([{ language: "powershell", text: `${nla("0")}\n${WINRM_BASIC}` }]);
    expect(weaknesses.map((w) => w.kind)).toEqual(["password-login-server", "password-login-server"]);
    expect(weaknesses.map((w) => w.line)).toEqual([nla("0"), WINRM_BASIC]);
  });
});

describe("disallow-userdata-login-weakening: Windows remote logins name the brute force", () => {
  it("reports RDP without NLA as breaking case step 1, once", async () => {
    const rdp = "HKLM:\\System\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp";
    const ds = await run(
      disallowUserdataLoginWeakening,
      EC2,
      instance(ps(`Set-ItemProperty -Path '${rdp}' -Name UserAuthentication -Value 0`)),
    );
    expect(ds).toHaveLength(1);
    const own = ds[0].message.split("\n").pop() ?? "";
    expect(own).toMatch(/ — breaks case step 1 \(SSH brute-forced in 137 s\)$/);
    expect(own.split("breaks case step")).toHaveLength(2);
  });
});
