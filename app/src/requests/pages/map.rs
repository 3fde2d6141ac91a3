//! "Put a pin on the map", part of the "Where is it?" picker. The pin is the middle of the map and the
//! map moves under it: by the buttons below it (with a keyboard too), or by a click or tap on the map,
//! which brings that spot to the middle. The tiles are drawn in an SVG (positions are attributes, which
//! the pages' security policy allows where inline styles are not). Nothing of it is fetched until the
//! resident opens it. Without JavaScript every button is a link to the page with the map moved, so the
//! server draws the same map. If the tiles do not load, the map is blank but the pin still moves and the
//! place it names is still offered.

use crate::addresses::map::{MapSettings, MapView, HEIGHT, WIDTH};
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;

/// How far one press of an arrow moves the map: a third of its height.
const STEP: f64 = HEIGHT / 3.0;
/// [`crate::addresses::map::TILE`], as the SVG writes it.
const TILE_SIZE: &str = "256";

/// The map, drawn around `view` while it is open. `href` is the page's address with a `map` parameter.
#[component]
pub fn MapPicker(
    settings: MapSettings,
    view: RwSignal<Option<MapView>>,
    href: Callback<MapView, String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let template = settings.tiles.clone();
    let attribution = settings.attribution.clone();
    let control = move |key: &'static str, label: &'static str, to: fn(MapView) -> MapView| {
        view! {
            <a
                class="button button-secondary map-control"
                href=move || view.get().map(|at| href.run(to(at)))
                on:click=move |event| {
                    event.prevent_default();
                    view.update(|at| *at = at.map(to));
                }
            >
                <span aria-hidden="true">{key}</span>
                <span class="visually-hidden">{t(label)}</span>
            </a>
        }
    };
    // A click brings that spot to the middle. The SVG covers the frame ("slice"), one unit a pixel
    // unless the frame is wider than the tiles drawn; its tiles and pin let clicks through to it,
    // so the click's offset is from the frame's corner.
    let clicked = move |event: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(frame) = event.current_target().and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            let (width, height) = (f64::from(frame.client_width()), f64::from(frame.client_height()));
            let scale = (width / WIDTH).max(height / HEIGHT);
            let dx = (f64::from(event.offset_x()) - width / 2.0) / scale;
            let dy = (f64::from(event.offset_y()) - height / 2.0) / scale;
            view.update(|at| *at = at.map(|at| at.moved(dx, dy)));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = event;
    };
    let tiles = move || {
        view.get().map(|at| at.tiles(&template)).unwrap_or_default().into_iter().map(|tile| {
            view! { <image href=tile.src x=tile.left.to_string() y=tile.top.to_string() width=TILE_SIZE height=TILE_SIZE pointer-events="none"/> }
        }).collect_view()
    };
    let view_box = format!("{} {} {WIDTH} {HEIGHT}", -WIDTH / 2.0, -HEIGHT / 2.0);
    view! {
        <div class="map" id="map">
            <p class="hint" id="map-hint">{t("map-hint")}</p>
            <svg
                class="map-frame"
                viewBox=view_box
                preserveAspectRatio="xMidYMid slice"
                role="img"
                aria-label=move || i18n.t("map-label")
                on:click=clicked
            >
                {tiles}
                // The pin: its point is the middle of the map.
                <path
                    d="M0 0 C-4 -12 -14 -16 -14 -28 A14 14 0 1 1 14 -28 C14 -16 4 -12 0 0 Z"
                    fill="#b10e1e"
                    stroke="#fff"
                    stroke-width="2"
                    pointer-events="none"
                />
                <circle cx="0" cy="-28" r="5" fill="#fff" pointer-events="none"/>
            </svg>
            <p class="hint">{move || i18n.pick(&attribution)}</p>
            <div class="where-other-ways" role="group" aria-label=move || i18n.t("map-controls")>
                {control("↑", "map-north", |at| at.moved(0.0, -STEP))}
                {control("↓", "map-south", |at| at.moved(0.0, STEP))}
                {control("←", "map-west", |at| at.moved(-STEP, 0.0))}
                {control("→", "map-east", |at| at.moved(STEP, 0.0))}
                {control("+", "map-closer", |at| at.zoomed(1))}
                {control("−", "map-farther", |at| at.zoomed(-1))}
            </div>
        </div>
    }
}
