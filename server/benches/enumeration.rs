//! Whether an answer's timing tells that an account exists: `cargo bench -p server --bench enumeration`.
//! Times sign-in (wrong password), "forgot your password?" and registration over HTTP against a release
//! build of the portal, for addresses that have an account and addresses that do not, interleaved so
//! that the machine's noise falls on both alike. Rate limits cap the samples (they are part of the portal).

use app::accounts::model::{Email, PersonName, Role, UpdatesBy};
use app::accounts::ssr::{passwords, AccountStore, NewAccount};
use app::i18n::Lang;
use figment::providers::{Format, Toml};
use std::time::{Duration, Instant};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[tokio::main]
async fn main() {
    let data = tempfile::tempdir().unwrap();
    let overrides =
        format!("[server]\naddress = \"127.0.0.1:0\"\ndata_dir = {:?}\n", data.path().display().to_string());
    let figment = figment::Figment::from(Toml::string(server::config::DEFAULT_CITY)).merge(Toml::string(&overrides));
    let settings = server::config::Settings::from_figment(figment).unwrap();

    // Twelve residents with a password, made directly in the store.
    let store = server::store::Store::open(&settings.database_url()).await.unwrap();
    let hash = passwords::hash("lampadaire vert du lac Ramsey".into()).await.unwrap();
    for n in 0..12 {
        let account = NewAccount {
            email: Email::parse(&format!("resident{n}@example.ca")).unwrap(),
            name: PersonName::parse("Marie Tremblay").unwrap(),
            mobile: None,
            lang: Lang::Fr,
            updates_by: UpdatesBy::Email,
            role: Role::Resident,
        };
        let id = store.create_account(&account, 0).await.unwrap().unwrap();
        store.set_password(id, &hash, None, 0).await.unwrap();
    }
    let running = server::startup::start(&settings, std::future::pending()).await.unwrap();
    let base = format!("http://{}", running.address);
    let client = reqwest::Client::new();
    let call = |function: &'static str, form: Vec<(&'static str, String)>| {
        let (client, base) = (client.clone(), base.clone());
        async move {
            let started = Instant::now();
            let response = client
                .post(format!("{base}/api/accounts/{function}"))
                .header("origin", &base)
                .form(&form)
                .send()
                .await
                .unwrap();
            let status = response.status();
            response.bytes().await.unwrap();
            (started.elapsed(), status)
        }
    };

    println!("{:<28} {:>10} {:>10} {:>8}  (median of n; answers compared)", "", "account", "none", "ratio");
    type Form = fn(&str) -> Vec<(&'static str, String)>;
    let cases: [(&str, &'static str, usize, Form); 3] = [
        ("sign-in, wrong password", "sign_in", 12, |email| {
            vec![("email", email.into()), ("password", "not the right password".into())]
        }),
        ("forgot your password?", "forgot_password", 5, |email| vec![("email", email.into())]),
        ("register", "register", 5, |email| {
            let fields = [("name", "Marie Tremblay"), ("mobile", ""), ("lang", "fr"), ("updates_by", "email")];
            fields.iter().map(|(k, v)| (*k, v.to_string())).chain([("email", email.to_string())]).collect()
        }),
    ];
    for (label, function, n, form) in cases {
        let (mut known, mut unknown) = (Vec::new(), Vec::new());
        for i in 0..n {
            let (time, known_status) = call(function, form(&format!("resident{i}@example.ca"))).await;
            known.push(time);
            let (time, unknown_status) = call(function, form(&format!("{function}-nobody{i}@example.ca"))).await;
            unknown.push(time);
            assert_eq!(known_status, unknown_status, "{label}: the status tells");
        }
        let (known, unknown) = (median(known), median(unknown));
        let ratio = unknown.as_secs_f64() / known.as_secs_f64();
        println!(
            "{label:<28} {:>8.2}ms {:>8.2}ms {ratio:>8.2}  (n = {n})",
            known.as_secs_f64() * 1e3,
            unknown.as_secs_f64() * 1e3
        );
    }
}
