use crate::helpers::spawn_portal;
use reqwest::StatusCode;

#[tokio::test]
async fn home_page_speaks_the_browsers_language() {
    let portal = spawn_portal().await;
    let (status, html) = portal.page("/", "fr-CA,fr;q=0.9,en;q=0.5").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<html lang=\"fr\""), "html lang");
    assert!(html.contains("Comment pouvons-nous vous aider\u{202f}?"));
    assert!(html
        .contains("<title>Chercher les demandes communes – Portail de service à la clientèle · Grand Sudbury</title>"));
    assert!(html.contains(">English</a>"), "the switch shows the other language");
    assert!(html.contains("Routes et trottoirs"), "categories in French");

    let (_, html) = portal.page("/", "en-US").await;
    assert!(html.contains("<html lang=\"en\""));
    assert!(html.contains("How can we help you?"));
    assert!(html.contains(">Français</a>"));
}

#[tokio::test]
async fn unknown_languages_fall_back_to_english() {
    let portal = spawn_portal().await;
    for accept in ["de-DE", "", "xx;q=abc,,,;;", &"zz-ZZ;q=0.1,".repeat(2000)] {
        let (status, html) = portal.page("/", accept).await;
        assert_eq!(status, StatusCode::OK, "{accept:.40}");
        assert!(html.contains("<html lang=\"en\""), "{accept:.40}");
    }
}

#[tokio::test]
async fn footer_gives_every_channel_and_the_hours() {
    let portal = spawn_portal().await;
    let (_, html) = portal.page("/privacy", "en").await;
    for expected in ["tel:311", "705-671-2489", "mailto:311@grandsudbury.ca", "Monday to Friday, 7:30 a.m. to 6 p.m."] {
        assert!(html.contains(expected), "footer lacks {expected}");
    }
    let (_, html) = portal.page("/privacy", "fr").await;
    assert!(html.contains("Du lundi au vendredi, de 7\u{a0}h\u{a0}30 à 18\u{a0}h"));
    assert!(html.contains("Énoncé de confidentialité"));
    assert!(html.contains("Aidez-nous à mieux vous servir"));
}

#[tokio::test]
async fn a_category_lists_its_services() {
    let portal = spawn_portal().await;
    let (status, html) = portal.page("/categories/waste", "fr").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("/services/missed-green-cart"));
    assert!(html.contains("Non offert en ligne"), "the topic in this category is marked");
}

#[tokio::test]
async fn an_online_service_leads_to_the_request_form() {
    let portal = spawn_portal().await;
    let (status, html) = portal.page("/services/pothole", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<h1>Pothole</h1>"));
    assert!(html.contains("Before you start, have ready"));
    assert!(html.contains("href=\"/requests/new?service=pothole\""));
    assert!(html.contains(">Submit a service request</a>"));

    let (status, html) = portal.page("/requests/new?service=pothole", "fr").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<h1>Nid-de-poule</h1>"));
    assert!(html.contains("Où est-ce\u{202f}?") && html.contains(">Commencer</button>"), "the steps, and Start");
    let (status, html) = portal.page("/requests/new?service=property-tax", "en").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("cannot be requested online"));
}

#[tokio::test]
async fn a_topic_that_is_not_online_points_to_311() {
    let portal = spawn_portal().await;
    let (status, html) = portal.page("/services/property-tax", "fr").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Cette demande ne peut pas encore être faite en ligne."));
    assert!(!html.contains("/requests/new?service=property-tax"), "no form for a topic");
    let main = html.split("<main").nth(1).unwrap().split("</main>").next().unwrap();
    assert!(main.contains("705\u{a0}671-2489") && main.contains("311@grandsudbury.ca"), "channels in the page itself");
}

#[tokio::test]
async fn unknown_or_malformed_addresses_are_a_bilingual_404() {
    let portal = spawn_portal().await;
    let long = format!("/services/{}", "a".repeat(5000));
    for path in [
        "/services/no-such-service",
        "/services/%00%FF%FE",
        "/services/..%2F..%2Fetc",
        &long,
        "/categories/NOPE",
        "/nowhere",
    ] {
        let (status, html) = portal.page(path, "fr").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path:.60}");
        assert!(html.contains("Page introuvable"), "{path:.60}");
        let (status, html) = portal.page(path, "en").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path:.60}");
        assert!(html.contains("Page not found"), "{path:.60}");
    }
}

#[tokio::test]
async fn pages_are_compressed_and_carry_safety_headers() {
    let portal = spawn_portal().await;
    let response = portal.get_with("/", &[(reqwest::header::ACCEPT_ENCODING, "br")]).await;
    assert_eq!(response.headers()["content-encoding"], "br");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    assert_eq!(response.headers()["x-frame-options"], "DENY");
}

#[tokio::test]
async fn a_body_that_does_not_parse_is_the_clients_fault_for_every_server_function() {
    let portal = spawn_portal().await;
    let paths: Vec<_> = leptos::server_fn::axum::server_fn_paths()
        .filter(|(_, method)| method == reqwest::Method::POST)
        .map(|(path, _)| path)
        .collect();
    assert!(paths.len() > 40, "every server function is registered: {paths:?}");
    let broken = ["{\"broken", "a[=1&a[b]]=2&&=", "%%%", "answers[x][999999999999]=1"];
    let mut unreadable = 0;
    for path in &paths {
        for body in broken {
            let response = portal
                .http()
                .post(format!("{}{path}", portal.base))
                .header("origin", crate::helpers::PUBLIC_URL)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .unwrap();
            let status = response.status();
            unreadable += usize::from(status == StatusCode::BAD_REQUEST);
            // A function that needs nothing (sign out, a page's data) reads a broken body as empty and
            // answers as it would anyone. None may fail on our side.
            assert!(!status.is_server_error(), "{path} {body:?}: {status} {}", response.text().await.unwrap());
        }
    }
    assert!(unreadable > paths.len() * 2, "most functions need an argument: {unreadable}");
    // A form with a required field missing, and the issue's example: 400, said in both languages.
    let (status, error) = portal.call("sign_in", &[("email", "marie@example.ca")]).await;
    assert_eq!((status, error), (StatusCode::BAD_REQUEST, serde_json::json!("Unreadable")));
}

#[tokio::test]
async fn static_files_come_at_once_on_a_reused_connection() {
    let portal = crate::helpers::spawn_portal_with("[server]\nsite_root = \"../style/assets\"\n").await;
    let url = format!("{}/uploads.js", portal.base);
    // One connection, kept alive: without TCP_NODELAY each answer after the first waited ~40 ms for the
    // browser's delayed ACK (Nagle's algorithm), 2 s for 50 files.
    let started = std::time::Instant::now();
    for _ in 0..50 {
        let response = portal.http().get(&url).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.bytes().await.unwrap().len() > 1000);
    }
    let elapsed = started.elapsed();
    assert!(elapsed < std::time::Duration::from_secs(1), "50 files on one connection took {elapsed:?}");
}

/// The page's policy and the nonce its inline scripts carry.
async fn policy_and_nonce(portal: &crate::helpers::TestPortal, path: &str) -> (String, String) {
    let response = portal.get(path, "fr").await;
    let policy = response.headers()["content-security-policy"].to_str().unwrap().to_string();
    let html = response.text().await.unwrap();
    let nonce = html.split("<script nonce=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    assert!(!html.contains("<script>"), "every inline script carries the nonce");
    (policy, nonce)
}

#[tokio::test]
async fn pages_carry_a_strict_content_security_policy_with_a_fresh_nonce() {
    let portal = spawn_portal().await;
    let (policy, nonce) = policy_and_nonce(&portal, "/services/pothole").await;
    assert_eq!(
        policy,
        format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
             img-src 'self' blob: https://tile.openstreetmap.org; connect-src 'self'; object-src 'none'; \
             base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
        ),
        "images from this site and the city profile's map tiles only"
    );
    assert!(nonce.len() >= 22, "128 bits");
    let (_, again) = policy_and_nonce(&portal, "/services/pothole").await;
    assert_ne!(nonce, again, "one nonce per response");
    // Not found is a page too.
    assert!(policy_and_nonce(&portal, "/nowhere").await.0.contains("'nonce-"));
    assert!(!portal.get("/", "fr").await.headers().contains_key("strict-transport-security"), "http: no HSTS");
}

#[tokio::test]
async fn a_signed_in_persons_answers_are_never_stored_and_https_is_insisted_on() {
    let portal = spawn_portal().await;
    let cache = |response: &reqwest::Response| {
        response.headers().get("cache-control").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
    };
    assert_ne!(cache(&portal.get("/services/pothole", "fr").await), "no-store", "signed out: may be kept");
    crate::requests::signed_in(&portal, "marie@example.ca").await;
    for path in ["/", "/account", "/services/pothole", "/nowhere"] {
        assert_eq!(cache(&portal.get(path, "fr").await), "no-store", "{path}");
    }
    let (_, mine) = portal.call_api("requests/mine", &[]).await;
    assert!(mine["made"].is_array());
    let response = portal.post_api("requests/mine", &[]).await;
    assert_eq!(cache(&response), "no-store", "server functions");

    let https =
        crate::helpers::spawn_portal_with("[server]\npublic_url = \"https://portal.test\"\n[mail]\noutbox = true\n")
            .await;
    let response = https.get("/", "fr").await;
    assert_eq!(response.headers()["strict-transport-security"], "max-age=31536000; includeSubDomains");
}

#[tokio::test]
async fn a_body_sent_a_byte_at_a_time_is_cut_off() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let portal = crate::helpers::spawn_portal_with("[server]\nrequest_timeout_seconds = 1\n").await;
    let address = portal.base.trim_start_matches("http://").to_string();
    let mut socket = tokio::net::TcpStream::connect(&address).await.unwrap();
    let head = format!(
        "POST /api/accounts/sign_in HTTP/1.1\r\nHost: {address}\r\nOrigin: {}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n",
        crate::helpers::PUBLIC_URL
    );
    socket.write_all(head.as_bytes()).await.unwrap();
    let started = std::time::Instant::now();
    let drip = async {
        // A byte every 100 ms: 100 s for the whole body, if nobody stopped it.
        while socket.write_all(b"e").await.is_ok() {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            let mut answer = [0u8; 64];
            if let Ok(Ok(read)) =
                tokio::time::timeout(std::time::Duration::from_millis(1), socket.read(&mut answer)).await
            {
                return String::from_utf8_lossy(&answer[..read]).to_string();
            }
        }
        String::new()
    };
    let answer = tokio::time::timeout(std::time::Duration::from_secs(10), drip).await.expect("cut off");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(3), "{:?}", started.elapsed());
}

/// The services the home page lists as common requests, in order.
fn common_requests(html: &str) -> Vec<String> {
    let list = html.split("class=\"common-list\"").nth(1).unwrap().split("</ul>").next().unwrap();
    list.split("href=\"/services/").skip(1).map(|chunk| chunk.split('"').next().unwrap().to_string()).collect()
}

#[tokio::test]
async fn the_home_page_lists_the_common_requests_most_requested_first() {
    let first = crate::helpers::Stoppable::start("").await;
    let (_, html) = first.portal.page("/", "fr").await;
    assert!(html.contains(">Demandes communes</h2>") && html.contains(">Chercher les demandes communes</label>"));
    let defaults = ["pothole", "streetlight-out", "road-plowing", "water-main-break", "missed-garbage", "city-tree"];
    assert_eq!(common_requests(&html), defaults, "before any request: the first online service of each category");

    // Residents file two noise complaints and a missed garbage pickup; the next count puts them first.
    let reference = crate::lifecycle::resident_with_request(&first.portal, "marie@example.ca").await;
    for _ in 0..2 {
        let (draft, _) = crate::requests::filled(&first.portal).await;
        assert_eq!(first.portal.call_api("requests/submit", &[("draft", &draft)]).await.0, StatusCode::OK);
    }
    first
        .portal
        .sql(&format!("UPDATE requests SET service_code = 'missed-garbage' WHERE reference = '{reference}'"))
        .await;
    first.portal.sql("UPDATE requests SET service_code = 'noise' WHERE service_code = 'pothole'").await;
    let portal = first.portal.clone();
    first.stop().await;
    let again = crate::helpers::Stoppable::on(&portal, "").await;
    let counted = ["noise", "missed-garbage", "pothole", "streetlight-out", "road-plowing", "water-main-break"];
    // Counted in the background at start (then every hour): the first pages may come before.
    let mut shown = Vec::new();
    for _ in 0..50 {
        shown = common_requests(&again.portal.page("/", "en").await.1);
        if shown == counted {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(shown, counted, "counted at start, then every hour");
    again.stop().await;
}

#[tokio::test]
async fn hours_of_a_whole_day_read_as_such() {
    let portal = crate::helpers::spawn_portal_with("[city]\nphone_hours = \"mon-sun 00:00-24:00\"\n").await;
    let (_, html) = portal.page("/", "fr").await;
    assert!(html.contains("Du lundi au dimanche, 24 heures sur 24"), "{html}");
    let (_, html) = portal.page("/", "en").await;
    assert!(html.contains("Monday to Sunday, 24 hours a day"), "{html}");
}

#[tokio::test]
async fn headers_sent_a_byte_at_a_time_lose_the_connection() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let portal = crate::helpers::spawn_portal_with("[server]\nheader_timeout_seconds = 1\n").await;
    let address = portal.base.trim_start_matches("http://").to_string();
    let mut socket = tokio::net::TcpStream::connect(&address).await.unwrap();
    let started = std::time::Instant::now();
    let drip = async {
        // A header line that never ends, a byte every 100 ms.
        socket.write_all(b"GET / HTTP/1.1\r\nHost: portal\r\nX-Slow: ").await.unwrap();
        while socket.write_all(b"e").await.is_ok() {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            let mut answer = [0u8; 64];
            match tokio::time::timeout(std::time::Duration::from_millis(1), socket.read(&mut answer)).await {
                Ok(Ok(0) | Err(_)) => return,
                Ok(Ok(read)) => panic!("answered: {}", String::from_utf8_lossy(&answer[..read])),
                Err(_) => {}
            }
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(10), drip).await.expect("the connection is closed");
    assert!(started.elapsed() < std::time::Duration::from_secs(3), "{:?}", started.elapsed());
    assert_eq!(portal.get("/", "fr").await.status(), StatusCode::OK, "others are served as before");
}

#[tokio::test]
async fn the_bundle_is_kept_a_year_at_an_address_of_its_own_build_and_pages_are_checked_each_time() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir(site.path().join("pkg")).unwrap();
    for file in ["portail311.js", "portail311.wasm", "portail311.css"] {
        std::fs::write(site.path().join("pkg").join(file), format!("/* {file} */")).unwrap();
    }
    let root = server::bundle::root(site.path());
    let portal = crate::helpers::spawn_portal_with(&format!("[server]\nsite_root = {:?}\n", site.path())).await;

    let response = portal.get("/", "fr").await;
    assert_eq!(response.headers()["cache-control"], "no-cache", "a page is checked before each use");
    let html = response.text().await.unwrap();
    for file in ["portail311.js", "portail311.wasm", "portail311.css"] {
        assert!(html.contains(&format!("{root}/pkg/{file}")), "{file} at this build's address: {html}");
    }
    assert!(html.contains("<meta name=\"description\" content=\"Portail 311 (Grand Sudbury)"));
    let (_, english) = portal.page("/", "en").await;
    assert!(english.contains("<meta name=\"description\" content=\"311 customer service portal (Greater Sudbury)"));

    let script = portal.get(&format!("{root}/pkg/portail311.js"), "fr").await;
    assert_eq!(script.status(), StatusCode::OK);
    assert_eq!(script.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(script.text().await.unwrap(), "/* portail311.js */");
    // Another build's address is nothing.
    assert_eq!(portal.get("/v/000000000000/pkg/portail311.js", "fr").await.status(), StatusCode::NOT_FOUND);
}
