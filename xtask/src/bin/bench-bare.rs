//! `bench-bare`: the reference point of `cargo xtask bench`. A minimal actix-web app that
//! answers `GET PATH` with the bytes of a file (as `application/json`), for each
//! `--route PATH=FILE`: what the framework alone costs for the same response.
//!
//! The bench builds it in release, like the server, and starts it with the bodies it fetched
//! from the server.

use std::path::PathBuf;

use actix_web::web::{self, Bytes};
use actix_web::{App, HttpResponse, HttpServer};
use anyhow::{Context, Result};
use clap::Parser;

#[derive(Parser)]
#[command(name = "bench-bare", about = "Serve fixed JSON bodies with a bare actix-web handler")]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:3001")]
    listen: String,
    /// `PATH=FILE`: answer `GET PATH` (any query) with the bytes of FILE. Repeatable.
    #[arg(long = "route", value_parser = parse_route, required = true)]
    routes: Vec<(String, PathBuf)>,
}

fn parse_route(s: &str) -> Result<(String, PathBuf), String> {
    match s.split_once('=') {
        Some((path, file)) if path.starts_with('/') && !file.is_empty() => Ok((path.to_owned(), PathBuf::from(file))),
        _ => Err(format!("expected PATH=FILE with PATH starting with '/', got {s:?}")),
    }
}

fn main() -> Result<()> {
    let args = Args::parse();
    let mut routes = Vec::new();
    for (path, file) in args.routes {
        let body = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
        routes.push((path, Bytes::from(body)));
    }
    serve(&args.listen, routes)
}

#[actix_web::main]
async fn serve(listen: &str, routes: Vec<(String, Bytes)>) -> Result<()> {
    HttpServer::new(move || {
        let mut app = App::new();
        for (path, body) in &routes {
            let body = body.clone();
            app = app.route(
                path,
                web::get().to(move || {
                    let body = body.clone();
                    async move { HttpResponse::Ok().content_type("application/json").body(body) }
                }),
            );
        }
        app
    })
    .bind(listen)
    .with_context(|| format!("listening on {listen}"))?
    .run()
    .await
    .context("serving")
}
