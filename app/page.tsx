import { LandingPage } from "@/components/app/landing-page";

export default function HomePage() {
  return <LandingPage />;
}
