//! Bounded HTTP: allowed URLs only, limited redirects, timeouts, a size cap, and the
//! response's `Cache-Control: max-age`.

use std::time::Duration;

use reqwest::header::CACHE_CONTROL;

use crate::config::{Config, Transport};
use crate::error::FetchError;

/// One response body and how long it may be cached (unclamped), if it said.
pub(crate) struct Fetched {
    pub body: Vec<u8>,
    pub max_age: Option<Duration>,
}

/// Builds the HTTP client: rustls, the timeouts, and a redirect policy that follows at most
/// `max_redirects` hops, each to an allowed URL.
pub(crate) fn client(config: &Config) -> Result<reqwest::Client, FetchError> {
    let transport = config.transport;
    let max = config.max_redirects;
    let policy = reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() > max {
            attempt.error("too many redirects")
        } else if allowed(attempt.url().as_str(), transport) {
            attempt.follow()
        } else {
            attempt.error("redirect to a refused url")
        }
    });
    reqwest::Client::builder()
        .connect_timeout(config.connect_timeout)
        .timeout(config.total_timeout)
        .redirect(policy)
        .build()
        .map_err(|e| FetchError::Transport(e.to_string()))
}

/// GETs `url` and reads at most `config.max_response_bytes` of its body.
pub(crate) async fn get(
    http: &reqwest::Client,
    config: &Config,
    url: &str,
) -> Result<Fetched, FetchError> {
    if !allowed(url, config.transport) {
        return Err(FetchError::UrlRefused(url.to_owned()));
    }
    let mut response = http
        .get(url)
        .send()
        .await
        .map_err(|e| transport_error(&e))?;
    let status = response.status().as_u16();
    if status != 200 {
        return Err(FetchError::Status(status));
    }
    let limit = config.max_response_bytes;
    if response
        .content_length()
        .is_some_and(|len| usize::try_from(len).map_or(true, |len| len > limit))
    {
        return Err(FetchError::TooLarge);
    }
    let max_age = response
        .headers()
        .get(CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .and_then(max_age);
    // Read chunk by chunk: a server that sends no length, or lies about it, is cut off at
    // the cap, not buffered.
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| transport_error(&e))? {
        if body.len().saturating_add(chunk.len()) > limit {
            return Err(FetchError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Fetched { body, max_age })
}

/// Reads the `jwks_uri` of an OpenID Provider's discovery document, checking its `issuer`.
pub(crate) async fn discover(
    http: &reqwest::Client,
    config: &Config,
    issuer: &str,
) -> Result<String, FetchError> {
    #[derive(serde::Deserialize)]
    struct Discovery {
        issuer: String,
        jwks_uri: String,
    }
    let url = format!(
        "{}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    );
    let fetched = get(http, config, &url).await?;
    let doc: Discovery =
        serde_json::from_slice(&fetched.body).map_err(|_| FetchError::MalformedDiscovery)?;
    // OpenID Connect Discovery 1.0 §4.3: exactly the issuer asked for.
    if doc.issuer != issuer {
        return Err(FetchError::IssuerMismatch);
    }
    Ok(doc.jwks_uri)
}

/// Whether the client may fetch `url`.
pub(crate) fn allowed(url: &str, transport: Transport) -> bool {
    let Ok(parsed) = reqwest::Url::parse(url) else {
        return false;
    };
    match (parsed.scheme(), transport) {
        ("https", _) => true,
        ("http", Transport::AlsoLoopbackHttp) => parsed.host_str() == Some("127.0.0.1"),
        _ => false,
    }
}

/// The `max-age` of a `Cache-Control` value (RFC 9111 §5.2.2.1), if it has one; `no-store`
/// and `no-cache` count as zero (the minimum TTL then applies).
pub(crate) fn max_age(value: &str) -> Option<Duration> {
    value.split(',').map(str::trim).find_map(|directive| {
        let lower = directive.to_ascii_lowercase();
        if lower == "no-store" || lower == "no-cache" {
            return Some(Duration::ZERO);
        }
        let seconds = lower.strip_prefix("max-age=")?;
        seconds
            .trim_matches('"')
            .parse::<u64>()
            .ok()
            .map(Duration::from_secs)
    })
}

fn transport_error(e: &reqwest::Error) -> FetchError {
    if e.is_timeout() {
        FetchError::Timeout
    } else {
        FetchError::Transport(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_age_is_read_and_no_store_is_zero() {
        assert_eq!(
            max_age("public, max-age=600"),
            Some(Duration::from_secs(600))
        );
        assert_eq!(max_age("Max-Age=\"5\""), Some(Duration::from_secs(5)));
        assert_eq!(max_age("no-store"), Some(Duration::ZERO));
        assert_eq!(max_age("public"), None);
        assert_eq!(max_age("max-age=-1"), None);
    }

    #[test]
    fn only_https_or_the_explicit_loopback() {
        assert!(allowed("https://idp.example/jwks", Transport::HttpsOnly));
        assert!(!allowed("http://127.0.0.1:8080/jwks", Transport::HttpsOnly));
        assert!(allowed(
            "http://127.0.0.1:8080/jwks",
            Transport::AlsoLoopbackHttp
        ));
        assert!(!allowed(
            "http://localhost/jwks",
            Transport::AlsoLoopbackHttp
        ));
        assert!(!allowed(
            "http://10.0.0.1/jwks",
            Transport::AlsoLoopbackHttp
        ));
        assert!(!allowed("file:///etc/passwd", Transport::AlsoLoopbackHttp));
        assert!(!allowed("not a url", Transport::HttpsOnly));
    }
}
