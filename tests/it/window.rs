//! The real window under Xvfb: the release-style binary opens the bundled sample in an X11
//! window, Ctrl+Q closes it cleanly, and the next launch comes back at the size the user left
//! and with the last project.
//!
//! Needs `Xvfb`, `xdotool` and `xwininfo` (`.ci/run` installs them). Without them the test
//! says so and passes, unless `COTEJO_REQUIRE_XVFB` is set, as CI sets it.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A program found on `PATH`.
fn on_path(program: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

/// Stops the process when dropped (the X server, or an app that did not close): first with
/// SIGTERM, so Xvfb removes its lock file and socket, then for good.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg(self.0.id().to_string())
            .stderr(Stdio::null())
            .status();
        let ended = wait_for(Duration::from_secs(3), || self.0.try_wait().ok().flatten());
        if ended.is_none() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// Polls `f` every 100 ms until it returns something or `limit` passes.
fn wait_for<T>(limit: Duration, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let start = Instant::now();
    loop {
        if let Some(value) = f() {
            return Some(value);
        }
        if start.elapsed() > limit {
            return None;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Runs an X11 tool on `display` and returns its standard output.
fn x_tool(display: &str, program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .env("DISPLAY", display)
        .output()
        .unwrap_or_else(|err| panic!("cannot run {program}: {err}"));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The first window whose class is cotejo's, once it is mapped.
fn cotejo_window(display: &str) -> Option<String> {
    wait_for(Duration::from_secs(60), || {
        let out = x_tool(
            display,
            "xdotool",
            &["search", "--onlyvisible", "--class", "cotejo"],
        );
        out.lines().next().map(str::to_owned)
    })
}

/// The window's title once the app has put the project's name in it (its first frame).
fn project_title(display: &str, window: &str) -> String {
    wait_for(Duration::from_secs(20), || {
        let name = x_tool(display, "xdotool", &["getwindowname", window]);
        name.contains("— cotejo").then_some(name)
    })
    .expect("the title names the project")
}

/// Width and height of a window, from `xwininfo`.
fn window_size(display: &str, window: &str) -> (u32, u32) {
    let info = x_tool(display, "xwininfo", &["-id", window]);
    let field = |name: &str| -> u32 {
        info.lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| panic!("no {name} in {info}"))
    };
    (field("Width:"), field("Height:"))
}

/// Starts the app with its data in `home`.
fn launch(display: &str, home: &Path) -> Killed {
    let child = Command::new(env!("CARGO_BIN_EXE_cotejo"))
        .env("DISPLAY", display)
        .env_remove("WAYLAND_DISPLAY")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "tester")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start cotejo");
    Killed(child)
}

/// Presses Ctrl+Q in `window` and waits for the app to exit; returns whether it exited with
/// success.
fn quit(display: &str, window: &str, app: &mut Killed) -> bool {
    x_tool(display, "xdotool", &["windowfocus", "--sync", window]);
    x_tool(display, "xdotool", &["key", "--window", window, "ctrl+q"]);
    let status = wait_for(Duration::from_secs(20), || app.0.try_wait().ok().flatten());
    status.is_some_and(|s| s.success())
}

#[test]
fn the_window_opens_the_sample_and_comes_back_at_the_size_it_was_left() {
    let tools = ["Xvfb", "xdotool", "xwininfo"];
    if let Some(missing) = tools.iter().find(|t| on_path(t).is_none()) {
        assert!(
            std::env::var_os("COTEJO_REQUIRE_XVFB").is_none(),
            "{missing} is not installed, and COTEJO_REQUIRE_XVFB is set"
        );
        eprintln!("skipped: {missing} is not installed");
        return;
    }
    // Xvfb picks a free display itself and writes its number once it accepts clients.
    let mut xvfb = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1600x1000x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start Xvfb");
    let mut announced = String::new();
    let stdout = xvfb.stdout.take().expect("Xvfb's output");
    let _xvfb = Killed(xvfb);
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut announced)
        .expect("Xvfb says which display it took");
    let number: u32 = announced
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("Xvfb did not start: {announced:?}"));
    let display = format!(":{number}");
    let home = tempfile::tempdir().expect("temp dir");

    // First launch: the sample, at the default size.
    let mut app = launch(&display, home.path());
    let window = cotejo_window(&display).expect("a cotejo window appears");
    let title = project_title(&display, &window);
    assert!(title.starts_with("Don Quijote I.1"), "{title}");
    assert_eq!(window_size(&display, &window), (1400, 900));

    // The user makes it smaller and quits with Ctrl+Q.
    x_tool(
        &display,
        "xdotool",
        &["windowsize", "--sync", &window, "1100", "700"],
    );
    assert_eq!(window_size(&display, &window), (1100, 700));
    // A few frames at the new size before quitting.
    std::thread::sleep(Duration::from_millis(500));
    assert!(quit(&display, &window, &mut app), "Ctrl+Q ends the app");
    let saved = std::fs::read_to_string(home.path().join("data/cotejo/app.ron"))
        .expect("eframe saved the window state");
    assert!(saved.contains("x:1100.0,y:700.0"), "{saved}");

    // Next launch: the same project, at the size it was left.
    let mut app = launch(&display, home.path());
    let window = cotejo_window(&display).expect("the window appears again");
    let title = project_title(&display, &window);
    assert!(title.starts_with("Don Quijote I.1"), "{title}");
    assert_eq!(window_size(&display, &window), (1100, 700));
    assert!(quit(&display, &window, &mut app), "Ctrl+Q ends the app");
}
