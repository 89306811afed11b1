//! Runs the example service: `cargo run -p jwt-axum --example login`, configured by `PORT` and
//! `JWT_SECRET` from the environment (a random key when `JWT_SECRET` is unset).

use std::sync::Arc;

use jwt_axum::{AppState, Verifier, app};
use jwt_core::Hs256Key;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = if let Ok(secret) = std::env::var("JWT_SECRET") {
        Hs256Key::new(secret.as_bytes())?
    } else {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret)?;
        Hs256Key::new(&secret)?
    };
    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".into());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!("listening on http://{}", listener.local_addr()?);
    let state = AppState {
        verifier: Arc::new(Verifier::new(key)),
    };
    axum::serve(listener, app(state)).await?;
    Ok(())
}
