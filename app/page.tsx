import { RootRedirect } from "@/components/app/root-redirect";

export default function HomePage() {
  return <RootRedirect />;
}
