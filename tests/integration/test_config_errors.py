"""Issue 2 scope 3: an unknown key, an unknown section or a bad value stops roostd at start-up
with exit status 1 and `file:line: reason` on stderr, also when the error is in an included
file. A config that is right starts (checked by every other integration test)."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import roost_harness as h  # noqa: E402


class ConfigErrors(h.ServerTestCase):
    server_name = "config-errors"

    @classmethod
    def setUpClass(cls):
        # Only the temp dir, certificate and user database: roostd is started per case.
        cls.server = h.RoostServer(cls.server_name)
        with open(cls.server.config) as f:
            cls.good_lines = f.read().splitlines()

    def write(self, name, lines):
        path = os.path.join(self.server.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        return path

    def with_line(self, number, text):
        """The working config with `text` inserted so that it becomes line `number`."""
        lines = list(self.good_lines)
        lines.insert(number - 1, text)
        return lines

    def run_roostd(self, config):
        try:
            result = subprocess.run([h.ROOSTD, "-c", config], stdin=subprocess.DEVNULL,
                                    capture_output=True, text=True, timeout=h.START_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.fail(f"roostd -c {config} kept running although the config is wrong")
        return result

    def assert_refused(self, config, where, what):
        result = self.run_roostd(config)
        self.assertEqual(result.returncode, 1,
                         f"{what}: exit status of roostd -c {config}; stderr: {result.stderr!r}")
        self.assertIn(where, result.stderr, f"{what}: stderr names the file and line")

    def test_unknown_key(self):
        config = self.write("unknown-key.conf", self.with_line(4, "no_such_setting = 1"))
        self.assert_refused(config, f"{config}:4:", "unknown key")

    def test_unknown_key_inside_a_section(self):
        lines = list(self.good_lines)
        line = lines.index("passdb {") + 2  # becomes the second line inside passdb { }
        lines.insert(line, "  no_such_setting = 1")
        config = self.write("unknown-key-in-section.conf", lines)
        self.assert_refused(config, f"{config}:{line + 1}:", "unknown key in passdb { }")

    def test_unknown_section(self):
        config = self.write("unknown-section.conf", self.with_line(6, "no_such_section {\n}"))
        self.assert_refused(config, f"{config}:6:", "unknown section")

    def test_bad_value(self):
        lines = list(self.good_lines)
        line = lines.index("ssl = yes")
        lines[line] = "ssl = maybe"
        config = self.write("bad-value.conf", lines)
        self.assert_refused(config, f"{config}:{line + 1}:", "ssl = maybe")

    def test_error_in_included_file(self):
        self.write("conf.d/50-bad.conf", ["# a comment", "no_such_setting = yes"])
        config = self.write("include.conf", self.good_lines + ["!include conf.d/*.conf"])
        self.assert_refused(config, "conf.d/50-bad.conf:2:", "unknown key in an !include'd file")


if __name__ == "__main__":
    h.main()
