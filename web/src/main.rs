//! Entry point of the web app: mounts [`taintlab_web::App`] on `<body>`.

fn main() {
    yew::Renderer::<taintlab_web::App>::new().render();
}
