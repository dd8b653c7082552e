//! `regain-server`: the recovery service's command line. Everything is in the library: the
//! commands in `regain_server::operator`, the service they run in `regain_server::app`.

fn main() -> std::process::ExitCode {
    regain_server::operator::main()
}
